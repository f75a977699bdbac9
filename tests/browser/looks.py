"""How a widget looks and reads: JupyterLab's theme switched from a test, text contrast measured,
axe-core's accessibility rules run on a widget, forced colours emulated."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Locator, Page

LIGHT, DARK = "JupyterLab Light", "JupyterLab Dark"
HIGH_CONTRAST = "JupyterLab Dark High Contrast"
AXE = Path(__file__).parent.parent.parent / "js" / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, a dev dependency of the front end (js/package.json); make installs it."""

SET_THEME = """async theme => {
    await window.jupyterapp.commands.execute('apputils:change-theme', { theme });
}"""
LAYOUT_COLOUR = """() => getComputedStyle(document.documentElement)
    .getPropertyValue('--jp-layout-color0').trim()"""
THEME_ON = """([theme, before]) => {
    // The name is set when the theme is chosen, its variables once its stylesheet has loaded.
    const now = getComputedStyle(document.documentElement)
        .getPropertyValue('--jp-layout-color0').trim();
    return document.body.dataset.jpThemeName === theme && now !== '' && now !== before;
}"""


def set_theme(page: Page, theme: str, timeout: float = 30) -> None:
    """Switch JupyterLab's theme and wait until its colours are on the page."""
    if page.evaluate("() => document.body.dataset.jpThemeName") == theme:
        return
    before = page.evaluate(LAYOUT_COLOUR)
    page.evaluate(SET_THEME, theme)
    page.wait_for_function(THEME_ON, arg=[theme, before], timeout=timeout * 1000, polling=50)
    # JupyterLab covers the page with its splash while the theme changes, and fades it out
    # after: until it has gone, every click and drag would land on it.
    page.wait_for_function(
        "() => !document.querySelector('#jupyterlab-splash')",
        timeout=timeout * 1000,
        polling=50,
    )


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
    // Opacity multiplies down the tree: faded text on a faded panel is fainter than either says.
    const opacity = (element) => {
        let product = 1;
        for (let node = element; node; node = node.parentElement) {
            product *= Number(getComputedStyle(node).opacity);
        }
        return product;
    };
    const seen = (element) => {
        if (element.closest('[hidden], option, .ks-visually-hidden')) return false;
        const style = getComputedStyle(element);
        return style.visibility !== 'hidden' && element.getClientRects().length > 0;
    };
    // Every text a person reads: text nodes, and what form controls show (a value, the chosen
    // option, or the placeholder standing in for an empty value).
    const texts = (root) => {
        const found = [];
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const element = text.parentElement;
            if (!element || element.closest('select, textarea')) continue;
            const words = text.textContent.trim();
            if (words) found.push({ element, words, colour: getComputedStyle(element).color });
        }
        const boxes = 'input:not([type=checkbox], [type=radio], [type=range], [type=file]),'
            + ' textarea, select';
        for (const control of root.querySelectorAll(boxes)) {
            const value = control instanceof HTMLSelectElement
                ? control.selectedOptions[0]?.textContent ?? '' : control.value;
            if (value.trim()) {
                found.push({ element: control, words: value.trim(),
                    colour: getComputedStyle(control).color });
            } else if (control.placeholder) {
                found.push({ element: control, words: `(placeholder) ${control.placeholder}`,
                    colour: getComputedStyle(control, '::placeholder').color });
            }
        }
        return found;
    };
    const failures = [];
    for (const root of document.querySelectorAll(selector)) {
        for (const { element, words, colour } of texts(root)) {
            if (!seen(element)) continue;
            // WCAG exempts inactive controls (and the text inside them).
            if (element.closest(':disabled')) continue;
            const back = background(element);
            const fore = parse(colour);
            fore.a *= opacity(element);
            const [light, dark] = [luminance(over(fore, back)), luminance(back)]
                .sort((a, b) => b - a);
            const ratio = (light + 0.05) / (dark + 0.05);
            if (ratio < minimum) {
                const [r, g, b] = [back.r, back.g, back.b].map(Math.round);
                const on = `rgb(${r},${g},${b})`;
                failures.push(`${ratio.toFixed(2)} "${words.slice(0, 40)}" ${colour} on ${on}`);
            }
        }
    }
    return failures;
}"""
"""Each visible text's colour (faded by every ancestor's opacity) against the opaque background
under it, found up its ancestors (WCAG 1.4.3). Disabled controls are exempt, as WCAG exempts
inactive components."""


def low_contrast(page: Page, selector: str, minimum: float = 4.5) -> list[str]:
    """Texts under ``selector`` whose contrast ratio is below ``minimum``, described."""
    failures: list[str] = page.evaluate(LOW_CONTRAST, {"selector": selector, "minimum": minimum})
    return failures


RUN_AXE = """async root => {
    const result = await window.axe.run(root, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa',
                                         'best-practice'] },
        resultTypes: ['violations'],
    });
    return result.violations
        .filter((violation) => ['serious', 'critical'].includes(violation.impact))
        .map((violation) => `${violation.impact} ${violation.id}: ${violation.help} — `
            + violation.nodes.map((node) => node.target.join(' ')).slice(0, 5).join(', '));
}"""


def accessibility_violations(page: Page, widget: Locator) -> list[str]:
    """axe-core's serious and critical violations inside ``widget``, one line each."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(path=str(AXE))
    violations: list[str] = widget.evaluate(RUN_AXE)
    return violations


def in_both_themes(
    page: Page, parts: dict[str, Locator], artifacts: Path, prefix: str, texts: str
) -> dict[str, list[str]]:
    """A screenshot of each part in the light and the dark theme (``prefix-part-theme.png``),
    and, per theme, the texts matching ``texts`` that read below 4.5:1. Leaves the page light."""
    found: dict[str, list[str]] = {}
    try:
        for theme, name in ((LIGHT, "light"), (DARK, "dark")):
            set_theme(page, theme)
            for part, locator in parts.items():
                locator.scroll_into_view_if_needed()
                locator.screenshot(path=artifacts / f"{prefix}-{part}-{name}.png")
            found[name] = low_contrast(page, texts)
    finally:
        set_theme(page, LIGHT)
    return found
