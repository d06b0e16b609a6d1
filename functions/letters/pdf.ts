/**
 * A pdfmake instance of the letters' own, configured once per module: the fonts from memory and
 * access policies that refuse every URL and every local file. A letter's document definition is
 * built from a decision, so nothing in it may make the renderer fetch or read anything.
 *
 * pdfmake's default export is a process-wide singleton that other code may configure differently;
 * a separate instance (and virtual file system) keeps these settings from leaking either way.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { FONT_FAMILY, FONT_FILES, letterFonts } from './fonts';

type PdfMake = typeof pdfmake & {
  virtualfs: { writeFileSync(name: string, content: Buffer): void; existsSync(name: string): boolean };
};

/** A new, unconfigured pdfmake instance with a virtual file system of its own. */
export function newPdfMakeInstance(): PdfMake {
  const shared = pdfmake as PdfMake;
  const PdfMakeClass = Object.getPrototypeOf(shared).constructor as new () => PdfMake;
  const VirtualFsClass = Object.getPrototypeOf(shared.virtualfs).constructor as new () => PdfMake['virtualfs'];
  const instance = new PdfMakeClass();
  instance.virtualfs = new VirtualFsClass();
  return instance;
}

/** Loads the letter fonts into an instance's virtual file system and registers the family. */
export function installLetterFonts(instance: PdfMake): void {
  for (const [name, bytes] of Object.entries(letterFonts().files)) instance.virtualfs.writeFileSync(name, bytes);
  instance.setFonts({ [FONT_FAMILY]: { ...FONT_FILES } });
}

export const denyAll = (): boolean => false;

let configured: PdfMake | undefined;

function letterPdfMake(): PdfMake {
  if (configured) return configured;
  const instance = newPdfMakeInstance();
  installLetterFonts(instance);
  // Fonts are read from the virtual file system, which these policies do not govern; everything
  // else (images, attachments by path or URL, remote fonts) is refused.
  instance.setUrlAccessPolicy(denyAll);
  instance.setLocalAccessPolicy(denyAll);
  configured = instance;
  return instance;
}

/** Renders a document definition to PDF bytes. */
export function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return letterPdfMake().createPdf(definition).getBuffer();
}
