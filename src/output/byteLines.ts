import { writeNumberText } from '../util/numberBytes.js';
import { csvLines } from './csvText.js';

/** A chunk is handed on once this many bytes are written (the buffer grows for a longer line). */
const CHUNK_BYTES = 1 << 20;

/**
 * Bytes of text written into one reusable buffer: UTF-8 text, single bytes and numbers (`writeNumberText`),
 * with no string per cell. `take` hands over what was written as a view, valid until the next write.
 */
export class ByteSink {
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
  /** Bytes written since the last `take`. */
  length = 0;

  private room(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }

  /** Appends text as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    const buffer = this.buffer;
    if (s.length <= 24) {
      // Short ASCII text byte by byte: cheaper than a native UTF-8 write per cell.
      let at = this.length;
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > 127) {
          this.length += buffer.write(s, this.length);
          return;
        }
        buffer[at++] = c;
      }
      this.length = at;
      return;
    }
    this.length += buffer.write(s, this.length);
  }

  /** Appends one byte (an ASCII character code). */
  byte(b: number): void {
    this.room(1);
    this.buffer[this.length++] = b;
  }

  /** Appends bytes. */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  /** Appends `String(v)` (see `writeNumberText`). */
  number(v: number): void {
    this.room(32);
    this.length = writeNumberText(this.buffer, this.length, v);
  }

  /** What was written since the last take, as a view on the buffer (overwritten by the next writes). */
  take(): Uint8Array {
    const view = this.buffer.subarray(0, this.length);
    this.length = 0;
    return view;
  }
}

/**
 * CSV for `rows` rows whose lines `row(sink, i)` writes as bytes (CSV cells joined by commas, no line end):
 * the header line as text, then chunks of about 1 MiB. Each chunk is a view that the next pull overwrites:
 * consume it (write it, decode it) before asking for the next. For millions of rows this skips every
 * per-cell and per-line string. O(rows).
 */
export function* csvByteChunks(header: readonly string[], rows: number, row: (sink: ByteSink, i: number) => void): Generator<string | Uint8Array> {
  yield* csvLines(header, []);
  const sink = new ByteSink();
  for (let i = 0; i < rows; i++) {
    row(sink, i);
    sink.byte(10); // '\n'
    if (sink.length >= CHUNK_BYTES) yield sink.take();
  }
  if (sink.length > 0) yield sink.take();
}
