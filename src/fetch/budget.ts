// Downloaded bodies waiting for the parser, bounded by their total size. When the parser falls
// behind, downloads wait for it (keeping their host slot) instead of piling up bodies in memory;
// a bound by count rather than bytes made small feeds wait for nothing (a 40-body queue of 35 KB
// feeds filled on every burst of responses, holding back the next requests).

export class ByteBudget {
  private used = 0;
  private readonly waiting: { bytes: number; admit: () => void }[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves once `bytes` fit (at once when nothing is held, so a body larger than the whole
   *  budget still goes through, alone), with the function that gives them back. */
  async take(bytes: number): Promise<() => void> {
    if (this.waiting.length > 0 || !this.fits(bytes)) await new Promise<void>((admit) => this.waiting.push({ bytes, admit }));
    else this.used += bytes;
    let given = false;
    return () => {
      if (given) return;
      given = true;
      this.used -= bytes;
      this.admitWaiting();
    };
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.limit;
  }

  /** In arrival order: a large body first in line is not overtaken by small ones forever. */
  private admitWaiting(): void {
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.admit();
    }
  }
}
