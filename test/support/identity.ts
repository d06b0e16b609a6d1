/**
 * Builds real-format identity numbers with a correct check digit for test cases. The serial
 * numbers 980–999 are never assigned by Skatteverket (they are reserved for tests), so no real
 * person is named here.
 */
export function checkDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    let v = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    if (v > 9) v -= 9;
    sum += v;
  }
  return (10 - (sum % 10)) % 10;
}

/** `YYYYMMDD-NNNN` for a birth date (`YYYY-MM-DD`), optionally as a samordningsnummer (day + 60). */
export function personnummer(birthDate: string, serial = '982', options: { samordning?: boolean } = {}): string {
  const [yyyy, mm, ddRaw] = birthDate.split('-') as [string, string, string];
  const dd = options.samordning ? String(Number(ddRaw) + 60) : ddRaw;
  const nine = `${yyyy.slice(2)}${mm}${dd}${serial}`;
  return `${yyyy}${mm}${dd}-${serial}${checkDigit(nine)}`;
}

/** The same number in another of the accepted written forms. */
export function inForm(long: string, form: 'YYYYMMDDNNNN' | 'YYYYMMDD-NNNN' | 'YYMMDD-NNNN' | 'YYMMDD+NNNN'): string {
  const digits = long.replace('-', '');
  switch (form) {
    case 'YYYYMMDDNNNN':
      return digits;
    case 'YYYYMMDD-NNNN':
      return `${digits.slice(0, 8)}-${digits.slice(8)}`;
    case 'YYMMDD-NNNN':
      return `${digits.slice(2, 8)}-${digits.slice(8)}`;
    case 'YYMMDD+NNNN':
      return `${digits.slice(2, 8)}+${digits.slice(8)}`;
  }
}

/**
 * What must never appear in a log line, trace or metric about a person: their identity number in
 * every accepted form (and without century or hyphen), their name parts, street and postal code.
 */
export function applicantTraces(pnr: string, applicant: { name: string; street: string; postalCode: string }): string[] {
  const digits = pnr.replace('-', '');
  return [
    inForm(pnr, 'YYYYMMDDNNNN'),
    inForm(pnr, 'YYYYMMDD-NNNN'),
    inForm(pnr, 'YYMMDD-NNNN'),
    inForm(pnr, 'YYMMDD+NNNN'),
    digits.slice(2),
    ...applicant.name.split(' '),
    applicant.street,
    applicant.street.split(' ')[0] as string,
    applicant.postalCode,
  ];
}
