package gen

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fimi/internal/text/stem"
)

// The accidental near-duplicate diagnostic: pairs of items that no planted truth relates (not
// in one echo family, neither a reshare) but whose content words overlap like echoes do.

// dupDoc is an item as the diagnostic sees it.
type dupDoc struct {
	id      string
	lang    string
	article bool
	role    uint8
	class   uint8
	fam     string   // echo family or viral moment, "" when none
	net     string   // coordinated network of a burst item, "" when none
	acct    int32    // posting account, -1 for articles
	toks    []uint32 // sorted distinct content tokens
	text    string
}

// dupPair is a candidate pair with its overlap.
type dupPair struct {
	a, b    int
	inter   int
	jaccard float64
	contain float64 // share of the smaller token set found in the larger
}

// dupMinWords is the fewest content words an item needs to be compared (the echo detector's
// default MinWords).
const dupMinWords = 8

// collectDupDocs generates a corpus and returns its comparable items: at least dupMinWords
// content words, not reshares.
func collectDupDocs(t testing.TB, opt Options) []dupDoc {
	t.Helper()
	type raw struct {
		id, lang, text string
		article        bool
		role, class    uint8
		acct           int32
	}
	var items []raw
	var truth bytes.Buffer
	_, err := write(context.Background(), opt, io.Discard, &truth, io.Discard, func(it *item) {
		if it.shares != "" {
			return
		}
		s := string(it.title) + "\n" + string(it.text)
		items = append(items, raw{id: itemID(it.plat, it.num), lang: langs[it.lang], text: s,
			article: it.plat == platWeb, role: it.role, class: it.class, acct: it.acct})
	})
	if err != nil {
		t.Fatal(err)
	}
	// Echo families, viral moments (posts of one breaking link, often with its headline) and
	// the bursts of a coordinated network (members pushing one narrative) are planted relations.
	fam, net := map[string]string{}, map[string]string{}
	for _, line := range bytes.Split(truth.Bytes(), []byte("\n")) {
		echo := bytes.HasPrefix(line, []byte(`{"type":"echo"`))
		viral := bytes.HasPrefix(line, []byte(`{"type":"viral"`))
		if !echo && !viral && !bytes.HasPrefix(line, []byte(`{"type":"burst"`)) {
			continue
		}
		var e struct {
			Family, Item, Key, Network string
			Items                      []string
		}
		if err := json.Unmarshal(line, &e); err != nil {
			t.Fatal(err)
		}
		switch {
		case echo:
			fam[e.Item] = e.Family
		case viral:
			for _, id := range e.Items {
				fam[id] = "viral " + e.Key
			}
		default:
			for _, id := range e.Items {
				net[id] = e.Network
			}
		}
	}
	dict := map[string]uint32{}
	var docs []dupDoc
	for _, r := range items {
		toks := contentTokens(r.text, r.lang, dict)
		if len(toks) < dupMinWords {
			continue
		}
		docs = append(docs, dupDoc{id: r.id, lang: r.lang, article: r.article, role: r.role, class: r.class,
			fam: fam[r.id], net: net[r.id], acct: r.acct, toks: toks, text: r.text})
	}
	return docs
}

// contentTokens returns the sorted distinct content tokens of s: lower-case words of two or more
// letters that are not stop words of lang, numbers, and Han character bigrams. Links, @mentions
// and #hashtags are left out.
func contentTokens(s, lang string, dict map[string]uint32) []uint32 {
	var out []uint32
	id := func(w string) {
		k, ok := dict[w]
		if !ok {
			k = uint32(len(dict))
			dict[w] = k
		}
		out = append(out, k)
	}
	for _, f := range strings.Fields(s) {
		if f[0] == '@' || f[0] == '#' || strings.Contains(f, "://") || strings.HasPrefix(f, "www.") {
			continue
		}
		for _, w := range strings.FieldsFunc(strings.ToLower(f), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case unicode.Is(unicode.Han, r):
				rs := []rune(w)
				for i := 0; i+1 < len(rs); i++ {
					id(string(rs[i : i+2]))
				}
				if len(rs) == 1 {
					id(w)
				}
			case unicode.IsDigit(r):
				id(w)
			case utf8.RuneCountInString(w) >= 2 && !stem.StopWord(lang, w):
				id(w)
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// findNearDups returns every pair of docs with Jaccard >= 0.5 or containment >= 0.7, by prefix
// filtering: both criteria imply that the pair shares at least half of the smaller set, so the
// smaller set's rarest |x|-ceil(|x|/2)+1 tokens include a shared one. Every doc probes the full
// posting lists with that prefix.
func findNearDups(docs []dupDoc) []dupPair {
	df := map[uint32]int32{}
	for i := range docs {
		for _, k := range docs[i].toks {
			df[k]++
		}
	}
	post := map[uint32][]int32{}
	for i := range docs {
		for _, k := range docs[i].toks {
			post[k] = append(post[k], int32(i))
		}
	}
	var pairs []dupPair
	seen := make([]int32, len(docs))
	for i := range seen {
		seen[i] = -1
	}
	pre := []uint32{}
	for i := range docs {
		x := docs[i].toks
		pre = append(pre[:0], x...)
		sort.Slice(pre, func(a, b int) bool {
			if df[pre[a]] != df[pre[b]] {
				return df[pre[a]] < df[pre[b]]
			}
			return pre[a] < pre[b]
		})
		pre = pre[:len(x)-(len(x)+1)/2+1]
		for _, k := range pre {
			for _, j := range post[k] {
				if int(j) == i || seen[j] == int32(i) {
					continue
				}
				seen[j] = int32(i)
				y := docs[j].toks
				if len(y) < len(x) || len(y) == len(x) && int(j) < i {
					continue // the smaller doc (ties: the later) finds the pair
				}
				n := interCount(x, y)
				p := dupPair{a: min(i, int(j)), b: max(i, int(j)), inter: n,
					jaccard: float64(n) / float64(len(x)+len(y)-n), contain: float64(n) / float64(len(x))}
				if p.jaccard >= 0.5 || p.contain >= 0.7 {
					pairs = append(pairs, p)
				}
			}
		}
	}
	slices.SortFunc(pairs, func(p, q dupPair) int {
		if p.a != q.a {
			return p.a - q.a
		}
		return p.b - q.b
	})
	return slices.CompactFunc(pairs, func(p, q dupPair) bool { return p.a == q.a && p.b == q.b })
}

func interCount(x, y []uint32) int {
	n, i, j := 0, 0, 0
	for i < len(x) && j < len(y) {
		switch {
		case x[i] < y[j]:
			i++
		case x[i] > y[j]:
			j++
		default:
			n++
			i++
			j++
		}
	}
	return n
}

// dupGroup names the part of the corpus a doc belongs to, for the report.
func dupGroup(d *dupDoc) string {
	switch d.role {
	case roleOrganic:
		if d.class < nTopics && d.class != tDebate {
			return "ordinary"
		}
		return "narrative"
	case roleOriginal, roleCopy, roleReword, roleTranslate:
		return "family"
	case roleSeed, roleMember:
		return "burst"
	default:
		return "viral"
	}
}

// dupReport is the accidental near-duplicate rate of a corpus.
type dupReport struct {
	docs             int
	pairs50, pairs80 int // accidental pairs at Jaccard >= 0.5 and >= 0.8
	pairsC70         int // accidental pairs at containment >= 0.7
	with50, with80   int // docs with at least one such partner
	withC70          int
	lines            []string
}

// dupLang limits the logged examples to one language (GEN_DUP_LANG).
var dupLang = os.Getenv("GEN_DUP_LANG")

// dupMinJ limits the logged examples to pairs with at least this Jaccard (GEN_DUP_MINJ).
var dupMinJ, _ = strconv.ParseFloat(os.Getenv("GEN_DUP_MINJ"), 64)

// dupGroupFilter limits the logged examples to pairs whose groups contain it (GEN_DUP_GROUP).
var dupGroupFilter = os.Getenv("GEN_DUP_GROUP")

// dupEvery logs every n-th pair (GEN_DUP_EVERY, default 5).
var dupEvery = func() int {
	if n, err := strconv.Atoi(os.Getenv("GEN_DUP_EVERY")); err == nil && n > 0 {
		return n
	}
	return 5
}()

// accidental reports whether a pair is unrelated by the planted truth.
func accidental(a, b *dupDoc) bool {
	return (a.fam == "" || a.fam != b.fam) && (a.net == "" || a.net != b.net)
}

func measureDups(docs []dupDoc, pairs []dupPair, verbose bool) dupReport {
	r := dupReport{docs: len(docs)}
	p50 := make([]bool, len(docs))
	p80 := make([]bool, len(docs))
	c70 := make([]bool, len(docs))
	type key struct{ lang, kind string }
	type cnt struct{ n, w50, w80, c70 int }
	by := map[key]*cnt{}
	get := func(k key) *cnt {
		if by[k] == nil {
			by[k] = &cnt{}
		}
		return by[k]
	}
	kind := func(d *dupDoc) string {
		if d.article {
			return "article"
		}
		return "post"
	}
	groups := map[string]int{}
	var examples []string
	for _, p := range pairs {
		a, b := &docs[p.a], &docs[p.b]
		if !accidental(a, b) {
			continue
		}
		if p.jaccard >= 0.5 {
			r.pairs50++
			p50[p.a], p50[p.b] = true, true
		}
		if p.jaccard >= 0.8 {
			r.pairs80++
			p80[p.a], p80[p.b] = true, true
		}
		if p.contain >= 0.7 {
			r.pairsC70++
			c70[p.a], c70[p.b] = true, true
		}
		ga, gb := dupGroup(a)+"/"+kind(a), dupGroup(b)+"/"+kind(b)
		if ga > gb {
			ga, gb = gb, ga
		}
		if p.jaccard >= 0.5 {
			groups[ga+" ~ "+gb]++
		}
		if a.acct >= 0 && a.acct == b.acct && p.jaccard >= 0.5 {
			groups["same account, J>=0.5"]++
			if a.lang == dupLang {
				groups["same account, J>=0.5, "+dupLang]++
			}
		}
		if p.jaccard >= 0.5 && a.lang == dupLang {
			groups["J>=0.5, "+dupLang]++
		}
		if dupGroupFilter != "" && !strings.Contains(ga+" ~ "+gb, dupGroupFilter) {
			continue
		}
		if verbose && len(examples) < 60 && (p.a*7+p.b)%dupEvery == 0 && (dupLang == "" || dupLang == "*" || a.lang == dupLang) && p.jaccard >= dupMinJ {
			examples = append(examples, fmt.Sprintf("J=%.2f C=%.2f %s %s %s | %s\n    %q\n    %q", p.jaccard, p.contain, a.id, b.id, ga, gb, a.text, b.text))
		}
	}
	for i := range docs {
		d := &docs[i]
		ks := []key{{d.lang, kind(d)}, {"*", kind(d)}, {"*", dupGroup(d) + "/" + kind(d)}}
		if d.lang == dupLang || dupLang == "*" {
			ks = append(ks, key{d.lang, dupGroup(d) + "/" + kind(d)})
		}
		for _, k := range ks {
			c := get(k)
			c.n++
			if p50[i] {
				c.w50++
			}
			if p80[i] {
				c.w80++
			}
			if c70[i] {
				c.c70++
			}
		}
		if p50[i] {
			r.with50++
		}
		if p80[i] {
			r.with80++
		}
		if c70[i] {
			r.withC70++
		}
	}
	keys := make([]key, 0, len(by))
	for k := range by {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(x, y key) int { return strings.Compare(x.lang+" "+x.kind, y.lang+" "+y.kind) })
	pct := func(a, n int) float64 { return 100 * float64(a) / float64(max(n, 1)) }
	r.lines = append(r.lines, fmt.Sprintf("%-22s %6s %8s %8s %8s", "lang kind", "items", "J>=0.5", "J>=0.8", "C>=0.7"))
	for _, k := range keys {
		c := by[k]
		r.lines = append(r.lines, fmt.Sprintf("%-22s %6d %7.2f%% %7.2f%% %7.2f%%", k.lang+" "+k.kind, c.n, pct(c.w50, c.n), pct(c.w80, c.n), pct(c.c70, c.n)))
	}
	gk := make([]string, 0, len(groups))
	for g := range groups {
		gk = append(gk, g)
	}
	slices.Sort(gk)
	for _, g := range gk {
		r.lines = append(r.lines, fmt.Sprintf("pairs %-40s %d", g, groups[g]))
	}
	r.lines = append(r.lines, examples...)
	return r
}

// TestAccidentalNearDuplicates generates 20,000 items (seed 1) and measures how many items have
// an accidental near-duplicate: a partner that shares most content words without any planted
// relation. Real posts by different people almost never do.
func TestAccidentalNearDuplicates(t *testing.T) {
	opt := DefaultOptions()
	opt.Items = 20_000
	if s, err := strconv.ParseInt(os.Getenv("GEN_DUP_SEED"), 10, 64); err == nil {
		opt.Seed = s
	}
	docs := collectDupDocs(t, opt)
	pairs := findNearDups(docs)
	r := measureDups(docs, pairs, testing.Verbose())
	for _, l := range r.lines {
		t.Log(l)
	}
	pct := func(a int) float64 { return 100 * float64(a) / float64(max(r.docs, 1)) }
	t.Logf("%d comparable items; with an accidental partner: J>=0.5 %d (%.2f%%), J>=0.8 %d (%.2f%%), C>=0.7 %d (%.2f%%); pairs %d / %d / %d",
		r.docs, r.with50, pct(r.with50), r.with80, pct(r.with80), r.withC70, pct(r.withC70), r.pairs50, r.pairs80, r.pairsC70)
}

// templateCollision estimates, for template ns of language lang, the share of pairs of
// independent renderings (other seeds, other facts) whose content words overlap at Jaccard >=
// 0.5, and their mean Jaccard.
func templateCollision(ns []node, lang string, trials int) (p50, mean float64) {
	dict := map[string]uint32{}
	sets := make([][]uint32, trials)
	for i := range sets {
		c := chooser{seed: mix(uint64(i) + 0x1234), fseed: mix(uint64(i)+0x9876) | 1}
		sets[i] = contentTokens(string(c.render(nil, ns)), lang, dict)
	}
	n := 0
	for i := 0; i+1 < trials; i += 2 {
		x, y := sets[i], sets[i+1]
		k := interCount(x, y)
		j := float64(k) / float64(max(len(x)+len(y)-k, 1))
		mean += j
		if j >= 0.5 {
			p50++
		}
		n++
	}
	return p50 / float64(n), mean / float64(n)
}

// TestTemplateCollisions logs the post sentences whose renderings most often collide with
// each other (GEN_DUP_LANG selects the language; verbose only).
func TestTemplateCollisions(t *testing.T) {
	if !testing.Verbose() || dupLang == "" {
		t.Skip("diagnostic: go test -v with GEN_DUP_LANG=<lang>")
	}
	l, err := loadLibrary()
	if err != nil {
		t.Fatal(err)
	}
	li := langIndex(dupLang)
	// A template's weight: the collision rate times the square of its share of its list (two
	// posts draw it), so that the templates that cause most collisions come first.
	type row struct {
		p, m, w float64
		name    string
		text    string
	}
	var rows []row
	add := func(name string, ts []int32, n int) {
		for _, ti := range ts {
			p, m := templateCollision(l.tpls[ti], dupLang, 400)
			w := p / float64(max(n, 1)*max(n, 1))
			rows = append(rows, row{p, m, w, name, string(chooser{seed: 7, fseed: 9}.render(nil, l.tpls[ti]))})
		}
	}
	for ti := range l.topics {
		n := len(l.postRefs[ti][li])
		add(topicNames[ti], l.topics[ti].sent[li], n)
		add(topicNames[ti]+".p", l.topics[ti].post[li], n)
	}
	for _, f := range []uint8{frPro, frReact, frContext, frQuote} {
		add(frameNames[f], l.frames[f][li], len(l.frames[f][li]))
	}
	slices.SortFunc(rows, func(a, b row) int {
		if a.w != b.w {
			if a.w > b.w {
				return -1
			}
			return 1
		}
		return strings.Compare(a.text, b.text)
	})
	for _, r := range rows {
		if r.p > 0.005 {
			t.Logf("%.3f %.2f %7.4f %-12s %s", r.p, r.m, 1000*r.w, r.name, r.text)
		}
	}
}
