// Currencies: the plan's (`currency:`, ISO 4217, default USD) names every amount it
// reports; an amount written in another currency is converted at the plan's stated rate
// (`exchangeRates:`). The unit words every output prints come from here, so a euro plan
// prints "EUR millions" everywhere and a dollar plan prints what it always did.

/** ISO 4217 codes in use (the active list; funds and metals left out). */
const ISO_4217 = (
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD ' +
  'CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD ' +
  'GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT ' +
  'LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR ' +
  'NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP ' +
  'STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG ' +
  'XOF XPF YER ZAR ZMW ZWG'
).split(' ');

const KNOWN = new Set(ISO_4217);

export const DEFAULT_CURRENCY = 'USD';

export function isCurrency(code: string): boolean {
  return KNOWN.has(code);
}

export const CURRENCY_CODES: readonly string[] = ISO_4217;

/** The unit of every reported amount: "USD millions", "EUR millions". */
export function millionsOf(currency: string): `${string} millions` {
  return `${currency} millions`;
}

/** The CSV column of amounts: `amount_musd` (as always for dollars), `amount_meur`, ... */
export function amountColumn(currency: string): string {
  return `amount_m${currency.toLowerCase()}`;
}

/** What a ratio of money to money is, in words: dollars keep their words. */
export function perPublicUnit(currency: string): string {
  return currency === DEFAULT_CURRENCY ? 'private dollars per public dollar' : `private ${currency} per public ${currency}`;
}

/** One unit of a currency in words, for labels such as "per budget dollar". */
export function unitWord(currency: string): string {
  return currency === 'USD' ? 'dollar' : currency === 'EUR' ? 'euro' : currency;
}

/** "millions of dollars", "millions of euros", "millions of ILS": a cost estimate's words. */
export function millionsInWords(currency: string): string {
  return currency === 'USD' ? 'millions of dollars' : currency === 'EUR' ? 'millions of euros' : `millions of ${currency}`;
}

/**
 * A message or hint written for a dollar plan, said in another plan's currency: the
 * format's hints (built once, before a file's currency is read) name dollars, and a plan
 * in euros prints none. A dollar plan's text is returned as it is.
 */
export function inCurrency(text: string, currency: string): string {
  if (currency === DEFAULT_CURRENCY) return text;
  const word = unitWord(currency);
  return text
    .replaceAll('in US dollars', `in ${currency}`)
    .replaceAll('USD millions', `${currency} millions`)
    .replace(/\$(?=\d)/g, '')
    .replace(/\bdollars\b/g, word === currency ? `units of ${currency}` : `${word}s`)
    .replace(/\bdollar\b/g, word);
}
