package translit

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// scheme is a Cyrillic romanisation.
type scheme int

const (
	schemeRU scheme = iota
	schemeUK
	schemeBE
	schemeBG
	schemeSR
	schemeMK
)

// schemeFor returns the scheme for lang, or guesses it from the letters of word w.
func schemeFor(lang, w string) scheme {
	switch lang {
	case "ru":
		return schemeRU
	case "uk":
		return schemeUK
	case "be":
		return schemeBE
	case "bg":
		return schemeBG
	case "sr":
		return schemeSR
	case "mk":
		return schemeMK
	}
	var uk, be, sr, mk, ruBe bool
	for _, r := range w {
		switch toLower(r) {
		case 'і', 'ї', 'є', 'ґ':
			uk = true
		case 'ў':
			be = true
		case 'ы', 'э':
			ruBe = true
		case 'ђ', 'ћ', 'џ', 'ј', 'љ', 'њ':
			sr = true
		case 'ѓ', 'ќ', 'ѕ':
			mk = true
		}
	}
	switch {
	case be || uk && ruBe:
		return schemeBE
	case uk:
		return schemeUK
	case mk:
		return schemeMK
	case sr:
		return schemeSR
	}
	return schemeRU
}

// letter romanises the lower-case Cyrillic letter r, given the letter before it (0 at the
// start of a word) and the letters after it. It returns the romanisation and how many of
// the following letters it consumed.
func (sc scheme) letter(r, prev rune, rest []rune) (string, int) {
	initial := prev == 0
	afterVowel := prev != 0 && isCyrVowelOrSign(prev)
	switch sc {
	case schemeRU:
		switch r {
		case 'е':
			if initial || afterVowel {
				return "ye", 0
			}
		case 'ё':
			return "yo", 0
		case 'ы', 'и':
			if len(rest) == 1 && rest[0] == 'й' {
				return "y", 1 // Навальный → navalny, Дмитрий → dmitry
			}
		}
		return tableRU.at(r), 0
	case schemeUK:
		switch r {
		case 'є':
			if initial {
				return "ye", 0
			}
			return "ie", 0
		case 'ї':
			if initial {
				return "yi", 0
			}
			return "i", 0
		case 'й':
			if initial {
				return "y", 0
			}
			return "i", 0
		case 'ю':
			if initial {
				return "yu", 0
			}
			return "iu", 0
		case 'я':
			if initial {
				return "ya", 0
			}
			return "ia", 0
		case 'г':
			if prev == 'з' {
				return "gh", 0
			}
		}
		return tableUK.at(r), 0
	case schemeBE:
		switch r {
		case 'е':
			if initial || afterVowel {
				return "ye", 0
			}
		case 'ё':
			return "yo", 0
		}
		return tableBE.at(r), 0
	case schemeBG:
		if r == 'и' && len(rest) == 1 && rest[0] == 'я' {
			return "ia", 1 // България → balgaria
		}
		return tableBG.at(r), 0
	case schemeSR:
		return tableSR.at(r), 0
	case schemeMK:
		return tableMK.at(r), 0
	}
	return tableGeneric.at(r), 0
}

func isCyrVowelOrSign(r rune) bool {
	switch r {
	case 'а', 'е', 'ё', 'и', 'о', 'у', 'ы', 'э', 'ю', 'я', 'і', 'ї', 'є', 'ъ', 'ь':
		return true
	}
	return false
}

// cyrTable maps lower-case Cyrillic letters to Latin; letters it lacks fall back to the
// generic table.
type cyrTable [256]string

func (t *cyrTable) get(r rune) string { return t[r-0x400] }

func makeTable(base *cyrTable, pairs ...string) *cyrTable {
	t := new(cyrTable)
	if base != nil {
		*t = *base
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		r, _ := utf8.DecodeRuneInString(pairs[i])
		t[r-0x400] = pairs[i+1]
		if u := unicode.ToUpper(r); u != r && u >= 0x400 && u <= 0x4FF {
			t[u-0x400] = pairs[i+1]
		}
	}
	return t
}

// lookup returns the romanisation of r in t; unknown Cyrillic letters are dropped.
type lookupTable struct{ t *cyrTable }

func (l lookupTable) at(r rune) string {
	if r < 0x400 || r > 0x4FF {
		return string(r)
	}
	return l.t.get(r)
}

var (
	genericTable = makeTable(nil,
		"а", "a", "б", "b", "в", "v", "г", "g", "ґ", "g", "д", "d", "ђ", "dj", "ѓ", "gj",
		"е", "e", "ё", "yo", "є", "ye", "ж", "zh", "з", "z", "ѕ", "dz", "и", "i", "і", "i",
		"ї", "yi", "й", "y", "ј", "j", "к", "k", "ќ", "kj", "л", "l", "љ", "lj", "м", "m",
		"н", "n", "њ", "nj", "о", "o", "п", "p", "р", "r", "с", "s", "т", "t", "ћ", "c",
		"у", "u", "ў", "w", "ф", "f", "х", "kh", "ц", "ts", "ч", "ch", "џ", "dzh", "ш", "sh",
		"щ", "shch", "ъ", "", "ы", "y", "ь", "", "э", "e", "ю", "yu", "я", "ya")
	ruTable = makeTable(genericTable)
	ukTable = makeTable(genericTable, "г", "h", "и", "y", "щ", "shch")
	beTable = makeTable(genericTable, "г", "h")
	bgTable = makeTable(genericTable, "х", "h", "щ", "sht", "ъ", "a", "ь", "y")
	srTable = makeTable(genericTable, "ж", "z", "х", "h", "ц", "c", "ч", "c", "џ", "dz",
		"ш", "s", "ћ", "c", "ђ", "dj")
	mkTable = makeTable(genericTable, "х", "h", "ц", "c", "џ", "dzh")

	tableGeneric = lookupTable{genericTable}
	tableRU      = lookupTable{ruTable}
	tableUK      = lookupTable{ukTable}
	tableBE      = lookupTable{beTable}
	tableBG      = lookupTable{bgTable}
	tableSR      = lookupTable{srTable}
	tableMK      = lookupTable{mkTable}
)

// foldTable returns the ASCII spelling of lower-case Latin letters with diacritics and of
// Greek letters, built on first use from the Unicode decompositions.
var foldTable = sync.OnceValue(func() map[rune]string {
	m := map[rune]string{
		'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "dj", 'ð': "d", 'þ': "th",
		'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŀ': "l", 'ĸ': "k", 'ŋ': "n", 'ſ': "s", 'ƒ': "f",
		'ǆ': "dz", 'ǉ': "lj", 'ǌ': "nj", 'ĳ': "ij", 'ǳ': "dz",
	}
	greek := map[rune]string{
		'α': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'ζ': "z", 'η': "i", 'θ': "th",
		'ι': "i", 'κ': "k", 'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'π': "p",
		'ρ': "r", 'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'φ': "f", 'χ': "ch", 'ψ': "ps",
		'ω': "o",
	}
	for r, s := range greek {
		m[r] = s
	}
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if _, ok := m[r]; ok || !unicode.IsLetter(r) {
				continue
			}
			l := unicode.ToLower(r)
			if l != r {
				continue // upper-case letters are lower-cased before the lookup
			}
			base := []rune(norm.NFD.String(string(r)))
			if len(base) == 0 || base[0] == r {
				continue
			}
			if base[0] < utf8.RuneSelf {
				m[r] = string(unicode.ToLower(base[0]))
			} else if g, ok := greek[unicode.ToLower(base[0])]; ok {
				m[r] = g
			} else if s, ok := m[unicode.ToLower(base[0])]; ok {
				m[r] = s
			}
		}
	}
	add(0x00C0, 0x024F)
	add(0x1E00, 0x1EFF)
	add(0x0370, 0x03FF)
	add(0x1F00, 0x1FFF)
	return m
})
