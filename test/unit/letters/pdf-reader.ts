/**
 * Reads a rendered letter back the way a person or an archive would: its text page by page (with
 * positions), its metadata and its attachments, through pdfjs-dist rather than our own code.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextItem {
  text: string;
  x: number;
  width: number;
}

export interface ReadLetter {
  /** Each page's text, runs joined by spaces and white space collapsed. */
  pages: string[];
  /** All pages together. */
  text: string;
  items: TextItem[][];
  pageWidth: number;
  info: Record<string, unknown>;
  /** The raw XMP metadata. */
  xmp: string;
  attachments: Record<string, { filename: string; content: Uint8Array; description?: string }>;
}

export async function readLetter(pdf: Uint8Array): Promise<ReadLetter> {
  // pdfjs takes ownership of the buffer it is given, so it gets a copy.
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  try {
    const pages: string[] = [];
    const items: TextItem[][] = [];
    let pageWidth = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pageWidth = page.view[2] as number;
      const content = await page.getTextContent();
      const runs = content.items.filter((i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i);
      items.push(runs.map((r) => ({ text: r.str, x: r.transform[4] as number, width: r.width })));
      pages.push(runs.map((r) => r.str).join(' ').replace(/\s+/g, ' ').trim());
    }
    const metadata = await doc.getMetadata();
    const attachments = ((await doc.getAttachments()) ?? {}) as ReadLetter['attachments'];
    const xmp = (metadata.metadata as unknown as { getRaw?: () => string } | null)?.getRaw?.() ?? '';
    return { pages, text: pages.join(' '), items, pageWidth, info: metadata.info as Record<string, unknown>, xmp, attachments };
  } finally {
    await doc.destroy();
  }
}
