// Stand-in for the `brotli` package in the Lambda bundles. fontkit needs Brotli only to read WOFF2
// fonts; the letters embed TrueType fonts (functions/letters/fonts.ts), so the 475 kB pure-JS
// decoder would only weigh down the signing function's cold start. Reaching this is a bug.
export default function decompress() {
  throw new Error('WOFF2 fonts are not supported in the Lambda bundle: the letters embed TrueType fonts.');
}
