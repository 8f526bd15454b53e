package claims

import (
	"fmt"
	"strings"
)

// Span is a byte range [Start, End) of a text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// WordMatch is a word or phrase of the item matched to one of the claim.
type WordMatch struct {
	Query     Span   `json:"query"`      // in the item's text (Query.Text)
	Claim     Span   `json:"claim"`      // in the claim's field
	Field     string `json:"field"`      // the claim's field: "text" (Claim.Text), "title" or "keywords" (Claim.Keywords joined by "; ")
	QueryText string `json:"query_text"` // the item's words, as written
	ClaimText string `json:"claim_text"` // the claim's words, as written
	Via       string `json:"via"`        // "same" (same stem, number or link), "translation", "name" (cross-script name key) or "cognate" (see Options.CognateWeight)
}

// Evidence tells an analyst why a claim matched: the words and phrases the item and the
// claim share with their byte positions in both texts, the numbers, names and links in
// common, and a one-line explanation (with the reasons for a downgraded decision).
type Evidence struct {
	Words       []WordMatch `json:"words,omitempty"`   // each matched word of the claim, in the claim's order
	Phrases     []WordMatch `json:"phrases,omitempty"` // runs of two or more words matched consecutively in both texts
	Numbers     []string    `json:"numbers,omitempty"` // normalised: "1000", "24%"
	Names       []string    `json:"names,omitempty"`   // as written in the claim
	URLs        []string    `json:"urls,omitempty"`    // canonical
	Explanation string      `json:"explanation"`
}

// maxEvidenceWords bounds the word matches listed.
const maxEvidenceWords = 48

// evidence collects the matches between the query and claim d. Call under the read lock.
func (m *Matcher) evidence(text string, p *prepared, d *claimDoc) Evidence {
	var ev Evidence
	// ord[i] is the rank of query token i among the content tokens.
	type hit struct {
		ct  int // index in d.toks
		qt  int // query token
		via uint8
	}
	var hits []hit
	for i, t := range d.toks {
		if len(hits) == maxEvidenceWords {
			break
		}
		qt, via := -1, uint8(0)
		for _, term := range [4]uint32{t.term, t.key, t.key2, t.cog} {
			if term == noTerm {
				continue
			}
			k := p.altTab.find(term)
			if k >= 0 {
				best := k
				for j := k; j < len(p.alts) && p.alts[j].term == term; j++ {
					if p.alts[j].via < p.alts[best].via {
						best = j
					}
				}
				qt, via = p.groups[p.alts[best].group].tok, p.alts[best].via
				break
			}
		}
		if qt < 0 {
			continue
		}
		hits = append(hits, hit{i, qt, via})
	}
	viaNames := [...]string{viaSame: "same", viaTranslation: "translation", viaName: "name", viaCognate: "cognate"}
	seen := map[string]bool{}
	var words []string
	for _, h := range hits {
		ct, qtok := d.toks[h.ct], p.tokens[h.qt]
		fieldText := d.texts[ct.field]
		wm := WordMatch{
			Query: Span{qtok.Start, qtok.End}, Claim: Span{int(ct.start), int(ct.end)}, Field: fieldNames[ct.field],
			QueryText: text[qtok.Start:qtok.End], ClaimText: fieldText[ct.start:ct.end], Via: viaNames[h.via],
		}
		ev.Words = append(ev.Words, wm)
		key := strings.ToLower(wm.ClaimText)
		if seen[key] {
			continue
		}
		seen[key] = true
		switch {
		case ct.kind == Number:
			ev.Numbers = append(ev.Numbers, qtok.Norm)
		case ct.kind == URL:
			ev.URLs = append(ev.URLs, qtok.Norm)
		case ct.flags&Name != 0 || h.via == viaName:
			ev.Names = append(ev.Names, wm.ClaimText)
		}
		w := wm.ClaimText
		if h.via == viaTranslation || h.via == viaCognate {
			w = wm.QueryText + "→" + w
		}
		words = append(words, w)
	}
	// Phrases: consecutive claim content tokens of one field matched to consecutive query
	// content tokens.
	next := contentNext(p.tokens)
	for i := 0; i < len(hits); {
		j := i
		for j+1 < len(hits) && hits[j+1].ct == hits[j].ct+1 && d.toks[hits[j+1].ct].field == d.toks[hits[j].ct].field &&
			next[hits[j].qt] == hits[j+1].qt {
			j++
		}
		if j > i {
			a, b := d.toks[hits[i].ct], d.toks[hits[j].ct]
			qa, qb := p.tokens[hits[i].qt], p.tokens[hits[j].qt]
			ev.Phrases = append(ev.Phrases, WordMatch{
				Query: Span{qa.Start, qb.End}, Claim: Span{int(a.start), int(b.end)}, Field: fieldNames[a.field],
				QueryText: text[qa.Start:qb.End], ClaimText: d.texts[a.field][a.start:b.end], Via: viaNames[hits[i].via],
			})
		}
		i = j + 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of the claim's %d content words found in the item", len(seen), d.words)
	if len(words) > 0 {
		fmt.Fprintf(&b, ": %s", strings.Join(words[:min(len(words), 12)], ", "))
		if len(words) > 12 {
			b.WriteString(", …")
		}
	}
	for _, ph := range ev.Phrases[:min(len(ev.Phrases), 3)] {
		fmt.Fprintf(&b, "; phrase %q", ph.ClaimText)
	}
	if len(ev.Numbers) > 0 {
		fmt.Fprintf(&b, "; numbers %s", strings.Join(ev.Numbers, ", "))
	}
	if len(ev.Names) > 0 {
		fmt.Fprintf(&b, "; names %s", strings.Join(ev.Names, ", "))
	}
	if len(ev.URLs) > 0 {
		fmt.Fprintf(&b, "; links %s", strings.Join(ev.URLs, ", "))
	}
	ev.Explanation = b.String()
	return ev
}

// contentNext returns, for each token, the index of the next content token (-1 at the end).
func contentNext(tokens []Token) []int {
	next := make([]int, len(tokens))
	n := -1
	for i := len(tokens) - 1; i >= 0; i-- {
		next[i] = n
		if tokens[i].Content() {
			n = i
		}
	}
	return next
}
