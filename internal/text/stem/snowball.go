package stem

import (
	"sync"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/danish"
	"github.com/blevesearch/snowballstem/dutch"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/finnish"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/hungarian"
	"github.com/blevesearch/snowballstem/irish"
	"github.com/blevesearch/snowballstem/italian"
	"github.com/blevesearch/snowballstem/norwegian"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/romanian"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/spanish"
	"github.com/blevesearch/snowballstem/swedish"
	"github.com/blevesearch/snowballstem/turkish"
)

// snowballFunc is the signature of the generated Snowball stemmers.
type snowballFunc func(env *snowballstem.Env) bool

// snowballStemmer returns the Snowball stemmer of lang, or nil.
func snowballStemmer(lang string) snowballFunc {
	switch lang {
	case "en":
		return english.Stem
	case "ru":
		return russian.Stem
	case "de":
		return german.Stem
	case "fr":
		return french.Stem
	case "es":
		return spanish.Stem
	case "it":
		return italian.Stem
	case "pt":
		return portuguese.Stem
	case "nl":
		return dutch.Stem
	case "sv":
		return swedish.Stem
	case "da":
		return danish.Stem
	case "no", "nb", "nn":
		return norwegian.Stem
	case "fi":
		return finnish.Stem
	case "hu":
		return hungarian.Stem
	case "ro":
		return romanian.Stem
	case "tr":
		return turkish.Stem
	case "ar":
		return arabic.Stem
	case "ga":
		return irish.Stem
	}
	return nil
}

// envPool recycles Snowball environments; an Env is a few ints and the current string.
var envPool = sync.Pool{New: func() any { return new(snowballstem.Env) }}

// snowball runs a Snowball stemmer on word. The generated stemmers assume valid UTF-8 and
// at least one letter; both hold for the words Stem is given.
func snowball(f snowballFunc, word string) string {
	env := envPool.Get().(*snowballstem.Env)
	env.SetCurrent(word)
	f(env)
	s := env.Current()
	env.SetCurrent("")
	envPool.Put(env)
	return s
}
