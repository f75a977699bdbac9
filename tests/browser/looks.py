"""How a widget looks: JupyterLab's theme switched from a test, and text contrast measured."""

from __future__ import annotations

from playwright.sync_api import Page

LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"

SET_THEME = """async theme => {
    await window.jupyterapp.commands.execute('apputils:change-theme', { theme });
}"""
THEME_IS = """light => document.body.dataset.jpThemeLight === String(light)"""


def set_theme(page: Page, theme: str, timeout: float = 30) -> None:
    """Switch JupyterLab's theme and wait until the page says it is on."""
    page.evaluate(SET_THEME, theme)
    page.wait_for_function(THEME_IS, arg=theme == LIGHT, timeout=timeout * 1000)
    page.wait_for_timeout(300)  # the theme's stylesheet applies a frame after the attribute


LOW_CONTRAST = """({ selector, minimum }) => {
    const parse = (colour) => {
        const m = colour.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
    };
    const over = (top, bottom) => ({
        r: top.r * top.a + bottom.r * (1 - top.a),
        g: top.g * top.a + bottom.g * (1 - top.a),
        b: top.b * top.a + bottom.b * (1 - top.a),
        a: 1,
    });
    const background = (element) => {
        const layers = [];
        for (let node = element; node; node = node.parentElement) {
            const colour = parse(getComputedStyle(node).backgroundColor);
            if (colour && colour.a > 0) {
                layers.push(colour);
                if (colour.a >= 1) break;
            }
        }
        const white = { r: 255, g: 255, b: 255, a: 1 };
        return layers.reverse().reduce((under, top) => over(top, under), white);
    };
    const luminance = ({ r, g, b }) => {
        const channel = (v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const failures = [];
    for (const root of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const element = text.parentElement;
            if (!text.textContent.trim() || !element) continue;
            if (element.closest('[hidden], option, .ks-visually-hidden')) continue;
            const style = getComputedStyle(element);
            if (style.visibility === 'hidden' || !element.getClientRects().length) continue;
            const back = background(element);
            const fore = over(parse(style.color), back);
            const [light, dark] = [luminance(fore), luminance(back)].sort((a, b) => b - a);
            const ratio = (light + 0.05) / (dark + 0.05);
            const dimmed = Number(style.opacity) < 1 || element.closest(':disabled');
            if (ratio < minimum && !dimmed) {
                const [r, g, b] = [back.r, back.g, back.b].map(Math.round);
                const words = text.textContent.trim().slice(0, 40);
                const on = `rgb(${r},${g},${b})`;
                failures.push(`${ratio.toFixed(2)} "${words}" ${style.color} on ${on}`);
            }
        }
    }
    return failures;
}"""
"""Each visible text node's colour against the first opaque background up its ancestors (WCAG).
Disabled controls are exempt, as WCAG exempts inactive components."""


def low_contrast(page: Page, selector: str, minimum: float = 4.5) -> list[str]:
    """Texts under ``selector`` whose contrast ratio is below ``minimum``, described."""
    failures: list[str] = page.evaluate(LOW_CONTRAST, {"selector": selector, "minimum": minimum})
    return failures
