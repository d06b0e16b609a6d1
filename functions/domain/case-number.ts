/**
 * The board's diarienummer, as the service issues it: `AMN <year>/<sequence>`, the sequence
 * counted per year and written with at least five digits. Nobody types one in (cases/propose.ts),
 * so a string of this shape holds nothing a person wrote; case files from before the service
 * issued them may hold anything, which is why readers who must not see free text check the shape.
 */
export const ISSUED_CASE_NUMBER = /^AMN \d{4}\/\d{5,}$/;

export function issuedCaseNumber(year: number, sequence: number): string {
  return `AMN ${year}/${String(sequence).padStart(5, '0')}`;
}

export const isIssuedCaseNumber = (value: string): boolean => ISSUED_CASE_NUMBER.test(value);
