package claims

import (
	"strings"

	"fimi/internal/text/translit"
)

// nameKey is the cross-script key of a folded word (translit.Key) without its final vowel
// slot, so that inflected forms meet more often: "Навального", "Навальный" and "Navalny" all
// give "navaln" once the Russian stem is taken (see markNames).
func nameKey(s string) string {
	k := translit.Key(s)
	if strings.IndexByte(k, ' ') >= 0 {
		return k
	}
	for len(k) > 3 && strings.IndexByte("aiyj", k[len(k)-1]) >= 0 {
		k = k[:len(k)-1]
	}
	return k
}

// toLatin writes a folded word of language lang in Latin letters (translit.ToLatin).
func toLatin(lang, s string) string { return translit.ToLatin(lang, s) }

// cognateLen is how many characters of a word's key make its cognate key.
const cognateLen = 5

// cognateKey returns the first cognateLen characters of the cross-script key of a word of at
// least six letters ("" for shorter words), so that loanwords and international words meet
// across languages and scripts: "демократия", "Demokratie", "democrazia" and "democracy".
func cognateKey(lang, w string) string {
	if len(w) < 6 || strings.ContainsAny(w, "0123456789") {
		return ""
	}
	k := translit.Key(w)
	if len(k) < cognateLen || strings.IndexByte(k, ' ') >= 0 {
		return ""
	}
	return k[:cognateLen]
}
