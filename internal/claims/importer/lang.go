package importer

import (
	"strings"

	"fimi/internal/ingest"
)

// LangCode reduces a language as claim databases give it to ISO 639-1: a code ("en", "en-GB",
// ISO 639-2/B or /T such as "ger", "deu", "hun"), an English name ("Russian", "Spanish,
// Castilian", "Português (Brazil)"), or one of the country codes the EUvsDisinfo API uses as
// language codes ("blr", "mda", "srb", ...). Languages without a 639-1 code keep their ISO 639-3
// code (Montenegrin "cnr"). It returns "" for anything else, such as a country name.
func LangCode(s string) string {
	k := strings.ToLower(strings.TrimSpace(s))
	if k == "" {
		return ""
	}
	if c, ok := langNames[k]; ok {
		return c
	}
	if i := strings.IndexAny(k, "(,;/"); i > 0 { // "português (brazil)", "spanish, castilian"
		if c, ok := langNames[strings.TrimSpace(k[:i])]; ok {
			return c
		}
	}
	c := ingest.LangCode(k)
	switch len(c) {
	case 2: // a 639-1 code, possibly with a region, or a 639-2 code ingest knows
		return c
	case 3:
		if x, ok := langNames[c]; ok {
			return x
		}
	}
	return ""
}

// langNames maps lower-case English language names (and some native ones), ISO 639-2 codes
// that ingest.LangCode does not know, and the EUvsDisinfo API's country-like codes to ISO
// 639-1.
var langNames = map[string]string{
	// English names.
	"abkhazian": "ab", "abkhaz": "ab", "albanian": "sq", "amharic": "am", "arabic": "ar", "armenian": "hy",
	"azerbaijani": "az", "azeri": "az", "belarusian": "be", "belorussian": "be", "bengali": "bn",
	"bosnian": "bs", "bulgarian": "bg", "castilian": "es", "catalan": "ca", "chinese": "zh", "mandarin": "zh",
	"croatian": "hr", "czech": "cs", "danish": "da", "dutch": "nl", "flemish": "nl", "english": "en",
	"estonian": "et", "farsi": "fa", "persian": "fa", "finnish": "fi", "french": "fr", "georgian": "ka",
	"german": "de", "greek": "el", "hebrew": "he", "hindi": "hi", "hungarian": "hu", "icelandic": "is",
	"indonesian": "id", "irish": "ga", "italian": "it", "japanese": "ja", "kazakh": "kk", "korean": "ko",
	"kyrgyz": "ky", "kirghiz": "ky", "latin": "la", "latvian": "lv", "lithuanian": "lt", "luxembourgish": "lb",
	"macedonian": "mk", "malay": "ms", "maltese": "mt", "moldavian": "ro", "moldovan": "ro", "mongolian": "mn",
	"montenegrin": "cnr", "norwegian": "no", "pashto": "ps", "polish": "pl", "portuguese": "pt", "português": "pt",
	"romanian": "ro", "russian": "ru", "serbian": "sr", "serbo-croatian": "sh", "slovak": "sk", "slovene": "sl",
	"slovenian": "sl", "spanish": "es", "español": "es", "swahili": "sw", "swedish": "sv", "tajik": "tg",
	"tatar": "tt", "thai": "th", "turkish": "tr", "turkmen": "tk", "ukrainian": "uk", "urdu": "ur", "uzbek": "uz",
	"vietnamese": "vi", "welsh": "cy", "yiddish": "yi",
	"русский": "ru", "українська": "uk", "deutsch": "de", "français": "fr", "italiano": "it", "polski": "pl",
	"čeština": "cs", "slovenčina": "sk", "magyar": "hu", "română": "ro", "ქართული": "ka", "العربية": "ar",
	// ISO 639-2 (B and T) and 639-3 codes beyond ingest.LangCode's table.
	"abk": "ab", "alb": "sq", "sqi": "sq", "amh": "am", "ben": "bn", "bos": "bs", "bul": "bg", "cat": "ca",
	"cym": "cy", "wel": "cy", "est": "et", "fin": "fi", "gle": "ga", "hin": "hi", "hrv": "hr", "hun": "hu",
	"hye": "hy", "arm": "hy", "ice": "is", "isl": "is", "ind": "id", "ita": "it", "kir": "ky", "lat": "la",
	"lav": "lv", "lit": "lt", "ltz": "lb", "mkd": "mk", "mac": "mk", "mal": "ml", "may": "ms", "msa": "ms",
	"mlt": "mt", "mol": "ro", "mon": "mn", "nob": "no", "nno": "no", "pus": "ps", "slv": "sl", "spa": "es",
	"srp": "sr", "swa": "sw", "swe": "sv", "tat": "tt", "tgk": "tg", "tha": "th", "tuk": "tk", "urd": "ur",
	"vie": "vi", "yid": "yi", "cnr": "cnr", "ukr": "uk", "bel": "be", "aze": "az", "kaz": "kk", "uzb": "uz",
	"geo": "ka", "kat": "ka", "fra": "fr", "fre": "fr", "deu": "de", "ger": "de", "rum": "ro", "ron": "ro",
	"cze": "cs", "ces": "cs", "slo": "sk", "slk": "sk", "gre": "el", "ell": "el", "dut": "nl", "nld": "nl",
	"chi": "zh", "zho": "zh", "per": "fa", "fas": "fa", "heb": "he", "jpn": "ja", "kor": "ko", "nor": "no",
	"dan": "da", "pol": "pl", "por": "pt", "rus": "ru", "eng": "en", "ara": "ar", "tur": "tr",
	// Country codes the EUvsDisinfo API (2020) lists as language codes.
	"blr": "be", "mne": "cnr", "mda": "ro", "srb": "sr", "rou": "ro", "ltu": "lt", "svk": "sk", "bgr": "bg",
	"lva": "lv",
}
