import { describe, expect, it } from "vitest";
import type { StudioReplies, TrackPath } from "../../generated/contract";
import type { Point } from "../../lib/geometry";
import { type ClipHost, ClipPaths } from "./clippaths";

type Upload = StudioReplies["upload-end"];
type Track = StudioReplies["track-path"];

function deferred<T>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function fakeHost(target: string | null = "dynamic-1") {
  const uploads: {
    file: File;
    progress: (share: number) => void;
    reply: ReturnType<typeof deferred<Upload>>;
  }[] = [];
  const tracks: { request: TrackPath; reply: ReturnType<typeof deferred<Track>> }[] = [];
  const commits: { areaId: string; points: Point[] }[] = [];
  const host: ClipHost = {
    upload(file, progress) {
      const reply = deferred<Upload>();
      uploads.push({ file, progress, reply });
      return reply.promise;
    },
    track(request) {
      const reply = deferred<Track>();
      tracks.push({ request, reply });
      return reply.promise;
    },
    target: () => target,
    commit: (areaId, points) => commits.push({ areaId, points }),
    invalidate: () => {},
  };
  return { host, uploads, tracks, commits };
}

const TAKEN: Upload = {
  ok: true,
  slot: "clip",
  name: "line.mp4",
  width: 320,
  height: 180,
  frames: 96,
  seconds: 4,
};
const file = (name = "line.mp4") => new File([new Uint8Array(10)], name, { type: "video/mp4" });
const flush = () => new Promise((done) => setTimeout(done, 0));

describe("ClipPaths", () => {
  it("uploads with progress, shows the first frame, tracks a click and commits its points", async () => {
    const { host, uploads, tracks, commits } = fakeHost();
    const clips = new ClipPaths(host);
    const chosen = clips.choose(file());
    expect(clips.view).toMatchObject({ name: "line.mp4", progress: 0, frame: null });
    uploads[0]?.progress(0.5);
    expect(clips.view?.progress).toBe(0.5);
    clips.frameArrived("blob:frame");
    uploads[0]?.reply.resolve(TAKEN);
    await chosen;
    expect(clips.view).toMatchObject({
      progress: null,
      frame: { url: "blob:frame", width: 320, height: 180, seconds: 4 },
    });

    const tracked = clips.track({ x: 64, y: 54 });
    expect(clips.view?.tracking).toBe(true);
    expect(tracks[0]?.request).toEqual({ type: "track-path", area: "dynamic-1", point: [64, 54] });
    tracks[0]?.reply.resolve({
      ok: true,
      area: "dynamic-1",
      points: [
        [1, 2],
        [3, 4],
      ],
      notes: ["lost at frame 40"],
    });
    await tracked;
    expect(commits).toEqual([
      {
        areaId: "dynamic-1",
        points: [
          { x: 1, y: 2 },
          { x: 3, y: 4 },
        ],
      },
    ]);
    expect(clips.view?.tracking).toBe(false);
    expect(clips.view?.notes).toContain("lost at frame 40");
  });

  it("says a refusal in words and commits nothing", async () => {
    const { host, uploads } = fakeHost();
    const clips = new ClipPaths(host);
    const chosen = clips.choose(file("notes.txt"));
    uploads[0]?.reply.resolve({
      ok: false,
      error: {
        field: "clip",
        rule: "must be a video file (mp4, mov, webm…)",
        value: "notes.txt",
        text: "clip: must be a video file (mp4, mov, webm…) (got notes.txt)",
      },
    });
    await chosen;
    expect(clips.view?.error).toBe(
      "Could not use it: clip: must be a video file (mp4, mov, webm…) (got notes.txt)",
    );
    expect(clips.view?.frame).toBeNull();
  });

  it("keeps only the newest click's answer", async () => {
    const { host, uploads, tracks, commits } = fakeHost();
    const clips = new ClipPaths(host);
    const chosen = clips.choose(file());
    clips.frameArrived("blob:frame");
    uploads[0]?.reply.resolve(TAKEN);
    await chosen;
    const first = clips.track({ x: 1, y: 1 });
    const second = clips.track({ x: 2, y: 2 });
    tracks[1]?.reply.resolve({
      ok: true,
      area: "dynamic-1",
      points: [
        [2, 2],
        [5, 5],
      ],
      notes: [],
    });
    tracks[0]?.reply.resolve({
      ok: true,
      area: "dynamic-1",
      points: [
        [1, 1],
        [9, 9],
      ],
      notes: [],
    });
    await Promise.all([first, second]);
    await flush();
    expect(commits.map((commit) => commit.points[0])).toEqual([{ x: 2, y: 2 }]);
  });

  it("asks for a dynamic area when none is selected", async () => {
    const { host, uploads, tracks } = fakeHost(null);
    const clips = new ClipPaths(host);
    const chosen = clips.choose(file());
    clips.frameArrived("blob:frame");
    uploads[0]?.reply.resolve(TAKEN);
    await chosen;
    await clips.track({ x: 1, y: 1 });
    expect(tracks).toHaveLength(0);
    expect(clips.view?.error).toBe("Select a dynamic area for the path first.");
  });
});
