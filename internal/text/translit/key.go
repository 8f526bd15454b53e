package translit

import "strings"

// Key returns a coarse phonetic key of a name so that spellings across scripts meet:
// "Навальный", "Navalny", "Nawalny", "Nawalnyj" → same key; "Зеленский", "Zelensky",
// "Zelenskyy", "Selenskyj" → same key. It is best effort and deliberately coarse:
//
//   - The name is romanised (ToLatin, with č ć ç read "ch", š ś ş ș "sh", ž ż ź "zh" and
//     Serbian ћ "ch" first) and split into words at anything but letters and digits; the
//     keys of the words are joined by single spaces.
//   - Sibilants meet: s, z, sh, zh, sz, sch, shch and szcz. So do the sounds written kh, ch,
//     h, cz, tsch, tch, ts, tz and c before e, i, y or at the end of a word (Харків,
//     Kharkiv, Charkiw, Charków, Harkiv; Кличко, Klitschko, Kliczko; Вучић, Vucic).
//     c elsewhere, ck, q and k meet; w and v meet; ph is f, th is t, gh is g, x is ks.
//   - A run of vowels, y and j inside a word is one vowel slot ("Kyiv", "Kiev", "Kijew"
//     meet); a final run keeps whether it ends in i, y or j ("Zelensky" ≠ "Zelenska",
//     "Navalny" ≠ "Navalnaya"), so the endings -y, -i, -iy, -yy, -yi, -ij and -yj meet.
//   - Doubled letters count once.
//
// Known collisions: names that differ only in their inner vowels (Kharkov and Kharkiv meet
// by design, but so do Putin and Patton), or in s against z, or in ts against ch. Russian г
// (g) and Ukrainian г (h) do not meet. The key of a string without letters or digits is "".
func Key(s string) string {
	lat := ToLatin("", keyReplacer.Replace(s))
	var b strings.Builder
	b.Grow(len(lat))
	for i := 0; i < len(lat); {
		if !isKeyByte(lat[i]) {
			i++
			continue
		}
		j := i
		for j < len(lat) && isKeyByte(lat[j]) {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		appendKey(&b, lat[i:j])
		i = j
	}
	return b.String()
}

// keyReplacer spells the letters that fold ambiguously before romanisation.
var keyReplacer = strings.NewReplacer(
	"č", "ch", "Č", "ch", "ć", "ch", "Ć", "ch", "ç", "ch", "Ç", "ch",
	"š", "sh", "Š", "sh", "ś", "sh", "Ś", "sh", "ş", "sh", "Ş", "sh", "ș", "sh", "Ș", "sh",
	"ž", "zh", "Ž", "zh", "ż", "zh", "Ż", "zh", "ź", "zh", "Ź", "zh",
	"ћ", "ч", "Ћ", "ч", "ђ", "dj", "Ђ", "dj",
)

func isKeyByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// keyRule is a spelling and its code.
type keyRule struct{ spell, code string }

// keyRules are tried in order at each position of a word; the first whose spelling
// matches gives the code.
var keyRules = []keyRule{
	{"schtsch", "s"}, {"shch", "s"}, {"szcz", "s"}, {"tsch", "c"}, {"sch", "s"},
	{"tch", "c"}, {"sh", "s"}, {"sz", "s"}, {"zh", "s"}, {"zs", "s"}, {"kh", "c"},
	{"ch", "c"}, {"cz", "c"}, {"ts", "c"}, {"tz", "c"}, {"ph", "f"}, {"th", "t"},
	{"gh", "g"}, {"qu", "kv"},
}

// keyRulesByFirst holds keyRules by their first letter, in order.
var keyRulesByFirst = func() (m [256][]keyRule) {
	for _, r := range keyRules {
		m[r.spell[0]] = append(m[r.spell[0]], r)
	}
	return m
}()

// appendKey writes the key of one lower-case ASCII word.
func appendKey(b *strings.Builder, w string) {
	var last byte // last code written for this word
	vowel := false
	finalI := false
	emit := func(code string) {
		if vowel {
			if last != 'a' {
				b.WriteByte('a')
				last = 'a'
			}
			vowel, finalI = false, false
		}
		for k := 0; k < len(code); k++ {
			if code[k] != last {
				b.WriteByte(code[k])
				last = code[k]
			}
		}
	}
	for i := 0; i < len(w); {
		c := w[i]
		if c >= '0' && c <= '9' {
			emit("")
			b.WriteByte(c)
			last = 0 // digits are never collapsed
			i++
			continue
		}
		matched := false
		for _, r := range keyRulesByFirst[c] {
			if strings.HasPrefix(w[i:], r.spell) {
				emit(r.code)
				i += len(r.spell)
				matched = true
				break
			}
		}
		if matched {
			continue
		}
		i++
		switch c {
		case 'a', 'e', 'o', 'u':
			vowel, finalI = true, false
		case 'i', 'y', 'j':
			vowel, finalI = true, true
		case 's', 'z':
			emit("s")
		case 'h':
			emit("c")
		case 'w':
			emit("v")
		case 'x':
			emit("ks")
		case 'q':
			emit("k")
		case 'c':
			next := byte(0)
			if i < len(w) {
				next = w[i]
			}
			switch {
			case next == 'k' && i+1 < len(w) && (w[i+1] == 'i' || w[i+1] == 'y'):
				emit("c") // Polish -cki, Czech -cký
			case next == 'k':
				emit("k")
				i++
			case next == 0 || next == 'e' || next == 'i' || next == 'y':
				emit("c")
			default:
				emit("k")
			}
		default:
			emit(w[i-1 : i])
		}
	}
	if vowel {
		if finalI {
			b.WriteByte('i')
		} else if last != 'a' {
			b.WriteByte('a')
		}
	}
}
