package claims

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// debunkMarkers are phrases, lower-case, by which a text says it is a fact-check or a
// debunk. A debunk repeats a claim's words to refute it, so the model learns to discount it
// (feature "debunk"); the list is short and generic, in the languages fimi sees most.
var debunkMarkers = []string{
	"fact check", "fact-check", "factcheck", "fact checking", "debunk", "hoax", "no evidence", "false claim",
	"faktencheck", "faktenfuchs", "falschbehauptung", "keine belege",
	"vérification", "désinformation", "intox", "infox",
	"verificación", "bulo", "desinformación", "falso:",
	"bufala", "disinformazione", "notizia falsa",
	"fałsz", "dezinformacja", "fake news",
	"nepravda", "dezinformace", "fakt-check", "fakt check", "faktcheck", "faktov",
	"фактчек", "факт-чек", "проверка фактов", "фейк", "не соответствует действительности", "опровержение",
	"спростування", "неправда", "перевірка фактів",
}

// hasDebunkMarker reports whether s (its first 4 KB) says it is a fact-check. buf is
// scratch for the lower-cased text; the grown buffer is returned.
func hasDebunkMarker(s string, buf []byte) (bool, []byte) {
	if len(s) > 4096 {
		s = s[:4096]
	}
	buf = appendLower(buf[:0], s)
	for _, m := range debunkMarkers {
		if bytes.Contains(buf, unsafe.Slice(unsafe.StringData(m), len(m))) {
			return true, buf
		}
	}
	return false, buf
}

// appendLower appends strings.ToLower(s) to dst without allocating a string.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
		i += n
	}
	return dst
}

// negations are words that negate a statement, by language family; a claim's words near one
// in an item often mean the item denies the claim ("no NATO troops are fighting there").
var negations = map[string]bool{
	"no": true, "not": true, "never": true, "none": true, "nobody": true, "nothing": true, "neither": true, "nor": true,
	"nicht": true, "kein": true, "keine": true, "keinen": true, "keinem": true, "keiner": true, "nie": true, "niemals": true,
	"ne": true, "pas": true, "non": true, "jamais": true, "aucun": true, "aucune": true,
	"nunca": true, "ningún": true, "ninguna": true, "ni": true, "mai": true, "nessun": true, "nessuno": true, "nessuna": true,
	"não": true, "nenhum": true, "nenhuma": true,
	"żadne": true, "żaden": true, "żadna": true, "żadnych": true, "nigdy": true,
	"není": true, "nejsou": true, "žádné": true, "žádný": true, "nikdy": true, "žiadne": true,
	"не": true, "нет": true, "ни": true, "никогда": true, "никаких": true, "немає": true, "ні": true, "ніколи": true,
	"жодних": true, "няма": true, "nije": true, "nema": true, "nu": true, "niciun": true, "nem": true, "nincs": true,
	"nėra": true, "nav": true, "ei": true, "pole": true, "لا": true, "ليس": true, "لم": true, "لن": true,
}

// isNegation reports whether a folded word negates.
func isNegation(norm string) bool {
	return negations[norm] || strings.HasSuffix(norm, "n't")
}
