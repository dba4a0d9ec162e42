/**
 * Active ISO 4217 alphabetic codes (list of 2024-06, SIX Financial Information), packed
 * to keep the SDK bundle small: each word is a first letter followed by the last two
 * letters of every code that starts with it, in lower case ("aedfn" = AED, AFN).
 */
const PACKED =
  'aedfnllmdngoarsudwgzn bambddtgnhdifmdndobrlsdtnwpynzd caddfhflpnyoprcupvezk djfkkopzd egprntbur fjdkp ' +
  'gbpelhsipmdnftqyd hkdnltguf idrlsnrqdrrsk jmdodpy kesgshrmfpwrwwdydzt lakbpkrrdslyd ' +
  'maddlgakdmkntopruurvrwkxnyrzn nadgniookprzd omr pabengkhpkrlnyg qar ronsdubwf ' +
  'sarbdcrdgekgdhpleosrdsptnvcypzl thbjsmtndoprytdwdzs uahgxsdyuzs vedesnduv wst xafcdcgofpf yer zarmwwg';

const SET = new Set<string>();
for (const word of PACKED.split(' ')) for (let i = 1; i < word.length; i += 2) SET.add((word[0] + word.slice(i, i + 2)).toUpperCase());

/** True for an active ISO 4217 currency code in upper case. */
export function isIsoCurrency(code: string): boolean {
  return SET.has(code);
}
