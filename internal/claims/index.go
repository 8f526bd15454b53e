package claims

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"fimi/internal/bm25"
	"fimi/internal/fimi"
)

// Index fields of a claim.
const (
	fieldText  = iota // Claim.Text
	fieldTitle        // Claim.Title
	fieldExtra        // Claim.Keywords
	numFields
)

var fieldNames = [numFields]string{"text", "title", "keywords"}

// Prefixes that keep the kinds of index terms apart. Word stems, numbers and URLs go in
// as they are (a stem never starts with a digit and "http" prefixes every URL).
const (
	keyPrefix    = "\x01" // cross-script name key
	cogPrefix    = "\x03" // cognate key (cognateKey)
	bigramSep    = " "    // between the two stems of a bigram
	noTerm       = ^uint32(0)
	maxClaimToks = 512 // content tokens kept per claim for evidence
)

// ctok is a content token of a claim, kept for evidence and features.
type ctok struct {
	start, end uint32
	field      uint8
	kind       Kind
	flags      Flags
	term       uint32 // index term of the word, number or URL
	key        uint32 // index term of the name key, or noTerm
	key2       uint32 // index term of the key of the stem, or noTerm
	cog        uint32 // index term of the cognate key, or noTerm
	first      bool   // the first word of the text and title with this term
}

// claimDoc is what the matcher keeps of a claim. It is immutable once built.
type claimDoc struct {
	id        string
	doc       uint32 // index document number
	lang      string
	published time.Time // of the fact-check
	appeared  time.Time // first appearance of the claim, if known
	texts     [numFields]string
	toks      []ctok
	bigrams   []uint32 // sorted unique bigram terms
	numbers   []uint32 // sorted unique number terms
	grams     []uint32 // sorted unique character 4-gram hashes of the text and title
	words     int      // content words in text and title
	distinct  int      // distinct content word terms in text and title
	media     bool     // the claim is about a picture or video
	negated   bool     // the claim's text holds a negation (titles of fact-checks often deny it)
	deleted   bool
}

// claimFields is a claim analysed into index terms, before it gets term numbers.
type claimFields struct {
	doc   claimDoc
	terms [numFields][]string // what goes into the index
	toks  []Token
	tfld  []uint8 // field of each of toks
}

// analyzeClaim analyses the fields of c. It needs no lock.
func analyzeClaim(c fimi.Claim, detect func(string) string, wc *wordCache) *claimFields {
	cf := &claimFields{}
	d := &cf.doc
	d.id, d.published, d.appeared = c.ID, c.Published, c.Appeared
	d.texts[fieldText] = c.Text
	d.texts[fieldTitle] = c.Title
	d.texts[fieldExtra] = strings.Join(c.Keywords, "; ")
	d.lang = detect(c.Text + "\n" + c.Title)
	var grams []uint32
	for f := range numFields {
		s := d.texts[f]
		if s == "" {
			continue
		}
		toks, _ := analyze(s, d.lang, nil, wc)
		var prev string
		for _, t := range toks {
			if f == fieldText && t.Kind == Word && isNegation(t.Norm) {
				d.negated = true
			}
			if !t.Content() {
				continue // bigrams are of consecutive content words
			}
			cf.terms[f] = append(cf.terms[f], t.Term)
			if t.Key != "" {
				cf.terms[f] = append(cf.terms[f], t.keyTerm())
			}
			if t.key2 != "" {
				cf.terms[f] = append(cf.terms[f], t.key2Term())
			}
			if c := t.cogTerm(); c != "" {
				cf.terms[f] = append(cf.terms[f], c)
			}
			if t.Kind == Word {
				if prev != "" {
					cf.terms[f] = append(cf.terms[f], prev+bigramSep+t.Term)
				}
				prev = t.Term
				if f != fieldExtra {
					if mediaStems[t.Term] {
						d.media = true
					}
					d.words++
					grams = t.appendGrams(grams, d.lang)
				}
			} else {
				prev = ""
			}
			if len(cf.toks) < maxClaimToks {
				cf.toks = append(cf.toks, t)
				cf.tfld = append(cf.tfld, uint8(f))
			}
		}
	}
	d.grams = slices.Clip(sortUnique(grams))
	return cf
}

// link gives the analysed claim its index term numbers, once its fields are in ix.
func (cf *claimFields) link(ix *bm25.Index) claimDoc {
	d := cf.doc
	id := func(term string) uint32 {
		if n, ok := ix.TermID(term); ok {
			return n
		}
		return noTerm
	}
	d.toks = make([]ctok, len(cf.toks))
	seen := map[uint32]bool{}
	for i, t := range cf.toks {
		ct := ctok{start: uint32(t.Start), end: uint32(t.End), field: cf.tfld[i], kind: t.Kind, flags: t.Flags, term: id(t.Term), key: noTerm, key2: noTerm, cog: noTerm}
		if t.Key != "" {
			ct.key = id(t.keyTerm())
		}
		if t.key2 != "" {
			ct.key2 = id(t.key2Term())
		}
		if c := t.cogTerm(); c != "" {
			ct.cog = id(c)
		}
		if t.Kind == Number {
			d.numbers = append(d.numbers, ct.term)
		}
		if t.Kind == Word && ct.field != fieldExtra && ct.term != noTerm && !seen[ct.term] {
			seen[ct.term] = true
			ct.first = true
			d.distinct++
		}
		d.toks[i] = ct
	}
	for f := range numFields {
		for _, t := range cf.terms[f] {
			if !strings.HasPrefix(t, keyPrefix) && !strings.HasPrefix(t, cogPrefix) && strings.Contains(t, bigramSep) {
				d.bigrams = append(d.bigrams, id(t))
			}
		}
	}
	d.bigrams = slices.Clip(sortUnique(d.bigrams))
	d.numbers = slices.Clip(sortUnique(d.numbers))
	return d
}

// mediaStems are English stems that say a claim is about a picture or a video.
var mediaStems = map[string]bool{
	"photo": true, "photograph": true, "pictur": true, "imag": true, "video": true, "footag": true,
	"meme": true, "clip": true, "pic": true,
}

// mediaHosts are hosts whose links are pictures or videos.
var mediaHosts = map[string]bool{
	"pic.twitter.com": true, "youtube.com": true, "youtu.be": true, "instagram.com": true,
	"vimeo.com": true, "tiktok.com": true, "imgur.com": true, "i.imgur.com": true, "m.youtube.com": true,
}

// sortUnique sorts s and removes repeats, in place.
func sortUnique(s []uint32) []uint32 {
	slices.Sort(s)
	return slices.Compact(s)
}

// latinForm returns a folded word in Latin script, for character n-grams across scripts.
func latinForm(lang, w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return toLatin(lang, w)
		}
	}
	return w
}

// appendGrams appends the hashes of the character 4-grams of " word " (3-grams of words of
// two letters) to dst.
func appendGrams(dst []uint32, w string) []uint32 {
	var buf [64]rune
	rs := buf[:0]
	rs = append(rs, ' ')
	for _, r := range w {
		rs = append(rs, r)
		if len(rs) == cap(buf)-1 {
			break
		}
	}
	rs = append(rs, ' ')
	n := 4
	if len(rs) < n {
		n = len(rs)
	}
	for i := 0; i+n <= len(rs); i++ {
		h := uint32(2166136261)
		for _, r := range rs[i : i+n] {
			h ^= uint32(r)
			h *= 16777619
		}
		dst = append(dst, h)
	}
	return dst
}
