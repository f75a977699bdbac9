// Object URLs for media blobs, one per key: the widget owns them, views only show them. A new
// blob for a key revokes the key's old URL, and `destroy` revokes them all when the view goes,
// so a long session does not keep every video it ever played.

export class ObjectUrls {
  private readonly urls = new Map<string, string>();

  /** A URL for `blob` under `key`; the key's previous URL stops working. */
  set(key: string, blob: Blob): string {
    this.revoke(key);
    const url = URL.createObjectURL(blob);
    this.urls.set(key, url);
    return url;
  }

  get(key: string): string | undefined {
    return this.urls.get(key);
  }

  revoke(key: string): void {
    const url = this.urls.get(key);
    if (url !== undefined) URL.revokeObjectURL(url);
    this.urls.delete(key);
  }

  destroy(): void {
    for (const key of [...this.urls.keys()]) this.revoke(key);
  }
}
