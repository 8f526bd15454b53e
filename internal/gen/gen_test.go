package gen

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// citem is a corpus line with exactly the documented fields.
type citem struct {
	ID        string   `json:"id"`
	Platform  string   `json:"platform"`
	Account   string   `json:"account"`
	Outlet    string   `json:"outlet"`
	URL       string   `json:"url"`
	Title     string   `json:"title"`
	Text      string   `json:"text"`
	Published string   `json:"published"`
	Lang      string   `json:"lang"`
	Shares    string   `json:"shares"`
	ReplyTo   string   `json:"reply_to"`
	URLs      []string `json:"urls"`
	Hashtags  []string `json:"hashtags"`
	t         time.Time
	pos       int
}

// tline is a truth line of any type.
type tline struct {
	Type     string   `json:"type"`
	Item     string   `json:"item"`
	Lang     string   `json:"lang"`
	Family   string   `json:"family"`
	Relation string   `json:"relation"`
	Of       string   `json:"of"`
	Claim    string   `json:"claim"`
	Network  string   `json:"network"`
	Account  string   `json:"account"`
	Kind     string   `json:"kind"`
	Key      string   `json:"key"`
	Items    []string `json:"items"`
}

type cclaim struct {
	ID        string   `json:"id"`
	Text      string   `json:"text"`
	Title     string   `json:"title"`
	Verdict   string   `json:"verdict"`
	Languages []string `json:"languages"`
	Keywords  []string `json:"keywords"`
	Published string   `json:"published"`
	Publisher string   `json:"publisher"`
	URL       string   `json:"url"`
	Tags      []string `json:"tags"`
}

// parsed is a generated corpus, decoded and indexed.
type parsed struct {
	sum    Summary
	items  []*citem
	byID   map[string]*citem
	truth  []tline
	claims []cclaim
	lang   map[string]string // item id -> true language
}

func generate(t testing.TB, opt Options) (corpus, truth, claims []byte, sum Summary) {
	t.Helper()
	var c, tr, k bytes.Buffer
	sum, err := Write(context.Background(), opt, &c, &tr, &k)
	if err != nil {
		t.Fatalf("Write: %v", err)
	}
	return c.Bytes(), tr.Bytes(), k.Bytes(), sum
}

func parse(t testing.TB, corpus, truth, claims []byte, sum Summary) *parsed {
	t.Helper()
	p := &parsed{sum: sum, byID: map[string]*citem{}, lang: map[string]string{}}
	for i, line := range lines(corpus) {
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		it := &citem{pos: i}
		if err := dec.Decode(it); err != nil {
			t.Fatalf("corpus line %d: %v: %s", i+1, err, line)
		}
		ts, err := time.Parse(time.RFC3339, it.Published)
		if err != nil || ts.Location() != time.UTC || !strings.HasSuffix(it.Published, "Z") {
			t.Fatalf("corpus line %d: published %q is not RFC 3339 UTC", i+1, it.Published)
		}
		it.t = ts
		if p.byID[it.ID] != nil {
			t.Fatalf("corpus line %d: duplicate id %s", i+1, it.ID)
		}
		p.byID[it.ID] = it
		p.items = append(p.items, it)
	}
	for i, line := range lines(truth) {
		var tl tline
		if err := json.Unmarshal(line, &tl); err != nil {
			t.Fatalf("truth line %d: %v", i+1, err)
		}
		if !bytes.HasPrefix(line, []byte(`{"type":`)) {
			t.Fatalf("truth line %d does not start with type: %s", i+1, line)
		}
		if tl.Type == "lang" {
			if _, dup := p.lang[tl.Item]; dup {
				t.Fatalf("truth line %d: second lang line for %s", i+1, tl.Item)
			}
			p.lang[tl.Item] = tl.Lang
		}
		p.truth = append(p.truth, tl)
	}
	for i, line := range lines(claims) {
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		var c cclaim
		if err := dec.Decode(&c); err != nil {
			t.Fatalf("claims line %d: %v", i+1, err)
		}
		p.claims = append(p.claims, c)
	}
	return p
}

func lines(b []byte) [][]byte {
	var out [][]byte
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		out = append(out, bytes.Clone(sc.Bytes()))
	}
	return out
}

var (
	sharedOnce sync.Once
	shared     *parsed
)

// sharedCorpus is a 30,000-item default corpus, generated once for the read-only tests.
func sharedCorpus(t *testing.T) *parsed {
	t.Helper()
	sharedOnce.Do(func() {
		opt := DefaultOptions()
		opt.Items = 30_000
		opt.Seed = 42
		c, tr, k, sum := generate(t, opt)
		shared = parse(t, c, tr, k, sum)
	})
	if shared == nil {
		t.Fatal("shared corpus failed")
	}
	return shared
}

func TestWriteDeterministic(t *testing.T) {
	opt := DefaultOptions()
	opt.Items = 6000
	opt.Seed = 7
	c1, t1, k1, s1 := generate(t, opt)
	c2, t2, k2, s2 := generate(t, opt)
	if !bytes.Equal(c1, c2) || !bytes.Equal(t1, t2) || !bytes.Equal(k1, k2) || s1 != s2 {
		t.Fatal("same options gave different output")
	}
	opt.Seed = 8
	c3, t3, _, _ := generate(t, opt)
	if bytes.Equal(c1, c3) || bytes.Equal(t1, t3) {
		t.Fatal("different seeds gave the same output")
	}
}

func TestWriteCounts(t *testing.T) {
	for _, n := range []int{1, 17, 999, 12_345} {
		opt := DefaultOptions()
		opt.Items = n
		c, tr, _, sum := generate(t, opt)
		p := parse(t, c, tr, nil, sum)
		if len(p.items) != n || sum.Items != n || sum.Articles+sum.Posts != n {
			t.Errorf("Items=%d: %d lines, summary %+v", n, len(p.items), sum)
		}
	}
}

func TestWriteValidCorpus(t *testing.T) {
	p := sharedCorpus(t)
	plats := map[string]string{"twitter": "tw-", "telegram": "tg-", "facebook": "fb-", "web": "web-"}
	accounts, outlets := map[string]bool{}, map[string]bool{}
	var prev time.Time
	for i, it := range p.items {
		prefix, ok := plats[it.Platform]
		switch {
		case !ok:
			t.Fatalf("%s: platform %q", it.ID, it.Platform)
		case !strings.HasPrefix(it.ID, prefix):
			t.Fatalf("%s: id does not match platform %s", it.ID, it.Platform)
		case it.t.Before(prev):
			t.Fatalf("%s: published %s before the previous item", it.ID, it.Published)
		case strings.TrimSpace(it.Text) == "" || it.Account == "":
			t.Fatalf("%s: empty text or account", it.ID)
		case !utf8.ValidString(it.Text) || !utf8.ValidString(it.Title):
			t.Fatalf("%s: invalid UTF-8", it.ID)
		}
		prev = it.t
		if it.Platform == "web" {
			u, err := url.Parse(it.URL)
			if err != nil || u.Scheme != "https" || u.Host != it.Outlet || it.Title == "" || it.Shares != "" || it.ReplyTo != "" {
				t.Fatalf("%s: bad article fields: url %q outlet %q title %q", it.ID, it.URL, it.Outlet, it.Title)
			}
			outlets[it.Outlet] = true
			if w := countWords([]byte(it.Text)); w < 60 || w > 450 {
				t.Errorf("%s: article of %d words", it.ID, w)
			}
		} else {
			accounts[it.Account] = true
			if it.Outlet != "" || it.Title != "" || it.URL != "" || it.Lang != "" {
				t.Fatalf("%s: post with article fields", it.ID)
			}
			max := 1000
			if it.Platform == "twitter" {
				max = 280
			}
			if n := utf8.RuneCountInString(it.Text); n > max {
				t.Fatalf("%s: %d characters on %s", it.ID, n, it.Platform)
			}
		}
		for _, ref := range []string{it.Shares, it.ReplyTo} {
			if ref == "" {
				continue
			}
			r := p.byID[ref]
			if r == nil || r.pos >= i {
				t.Fatalf("%s: shares/reply_to %s is not an earlier item", it.ID, ref)
			}
		}
		for _, u := range it.URLs {
			if pu, err := url.Parse(u); err != nil || pu.Host == "" || !strings.HasPrefix(pu.Scheme, "http") {
				t.Fatalf("%s: bad url %q", it.ID, u)
			}
		}
		for _, h := range it.Hashtags {
			if h == "" || strings.ContainsAny(h, "# ") {
				t.Fatalf("%s: bad hashtag %q", it.ID, h)
			}
		}
		if it.Lang != "" && it.Lang != p.lang[it.ID] {
			t.Fatalf("%s: declared lang %s, true lang %s", it.ID, it.Lang, p.lang[it.ID])
		}
	}
	if len(accounts) != p.sum.Accounts || len(outlets) != p.sum.Outlets {
		t.Errorf("summary says %d accounts and %d outlets, corpus has %d and %d", p.sum.Accounts, p.sum.Outlets, len(accounts), len(outlets))
	}
	// Mixed-case hosts and tracking parameters must occur, so canonicalisation matters.
	var mixed, utm int
	for _, it := range p.items {
		for _, u := range it.URLs {
			pu, _ := url.Parse(u)
			if pu.Host != strings.ToLower(pu.Host) {
				mixed++
			}
			if strings.Contains(pu.RawQuery, "utm_") {
				utm++
			}
		}
	}
	if mixed < 100 || utm < 100 {
		t.Errorf("only %d mixed-case hosts and %d utm links", mixed, utm)
	}
}

func TestWriteValidTruth(t *testing.T) {
	p := sharedCorpus(t)
	if len(p.lang) != len(p.items) {
		t.Fatalf("%d lang lines for %d items", len(p.lang), len(p.items))
	}
	posters := map[string]bool{}
	for _, it := range p.items {
		if it.Platform != "web" {
			posters[it.Account] = true
		}
	}
	claimIDs := map[string]bool{}
	for _, c := range p.claims {
		claimIDs[c.ID] = true
	}
	members := map[string]string{} // account -> network
	families := map[string]string{}
	counts := map[string]int{}
	for _, tl := range p.truth {
		counts[tl.Type]++
		switch tl.Type {
		case "lang":
			if p.byID[tl.Item] == nil || langIndex(tl.Lang) < 0 {
				t.Fatalf("lang line %+v", tl)
			}
		case "echo":
			it, of := p.byID[tl.Item], p.byID[tl.Of]
			if it == nil || of == nil || tl.Lang != p.lang[tl.Item] {
				t.Fatalf("echo line %+v refers to missing items or wrong language", tl)
			}
			if tl.Relation == "original" {
				if tl.Of != tl.Item || families[tl.Family] != "" {
					t.Fatalf("echo original %+v", tl)
				}
				families[tl.Family] = tl.Item
			} else if families[tl.Family] != tl.Of || of.pos >= it.pos {
				t.Fatalf("echo %+v: of is not the family's earlier original", tl)
			}
			if !slices.Contains([]string{"original", "copy", "rewording", "translation"}, tl.Relation) {
				t.Fatalf("echo relation %q", tl.Relation)
			}
		case "claim":
			if p.byID[tl.Item] == nil || !claimIDs[tl.Claim] {
				t.Fatalf("claim line %+v", tl)
			}
		case "coord":
			if !posters[tl.Account] || !slices.Contains(kindNames[:], tl.Kind) {
				t.Fatalf("coord line %+v: account never posts or bad kind", tl)
			}
			members[tl.Account] = tl.Network
		case "burst":
			for _, id := range tl.Items {
				it := p.byID[id]
				if it == nil || members[it.Account] != tl.Network {
					t.Fatalf("burst %s item %s is missing or not by a member", tl.Network, id)
				}
			}
		case "viral":
			for _, id := range tl.Items {
				if it := p.byID[id]; it == nil || members[it.Account] != "" {
					t.Fatalf("viral item %s missing or by a network member", id)
				}
			}
		default:
			t.Fatalf("unknown truth type %q", tl.Type)
		}
	}
	for _, typ := range []string{"echo", "claim", "coord", "burst", "viral"} {
		if counts[typ] == 0 {
			t.Errorf("no %s lines", typ)
		}
	}
	if len(families) != p.sum.EchoGroups || counts["echo"] != p.sum.EchoItems || len(members) != p.sum.CoordAccounts {
		t.Errorf("summary %+v disagrees with truth: %d families, %d echo items, %d members", p.sum, len(families), counts["echo"], len(members))
	}
	if len(p.claims) != 40 || p.sum.Claims != 40 {
		t.Errorf("%d claims, want 40", len(p.claims))
	}
	for _, c := range p.claims {
		if _, err := time.Parse(time.RFC3339, c.Published); err != nil || c.Text == "" || c.Title == "" ||
			(c.Verdict != "false" && c.Verdict != "misleading") || len(c.Languages) < 2 || len(c.Keywords) == 0 ||
			!strings.HasPrefix(c.URL, "https://") || c.Publisher == "" || !strings.HasPrefix(c.Tags[0], "narrative:") {
			t.Errorf("claim %+v incomplete", c)
		}
	}
}

// words returns the set of lower-case words of s (CJK: characters).
func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if strings.HasPrefix(f, "http") || len(f) > 40 {
			continue
		}
		rs := []rune(f)
		if unicode.Is(unicode.Han, rs[0]) {
			for _, r := range rs {
				out[string(r)] = true
			}
			continue
		}
		out[f] = true
	}
	return out
}

// overlap is the share of the smaller word set found in the larger.
func overlap(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	n := 0
	for w := range a {
		if b[w] {
			n++
		}
	}
	return float64(n) / float64(max(len(a), 1))
}

func body(it *citem) string {
	s := it.Title + " " + it.Text
	for _, h := range it.Hashtags {
		s = strings.ReplaceAll(s, "#"+h, "")
	}
	return s
}

func median(x []float64) float64 {
	sort.Float64s(x)
	return x[len(x)/2]
}

func quantile(x []float64, q float64) float64 {
	sort.Float64s(x)
	return x[int(q*float64(len(x)-1))]
}

func TestTruthEchoes(t *testing.T) {
	p := sharedCorpus(t)
	rel := map[string][]float64{}
	sizes := map[string]int{}
	short, long := 0, 0
	for _, tl := range p.truth {
		if tl.Type != "echo" {
			continue
		}
		sizes[tl.Family]++
		it, of := p.byID[tl.Item], p.byID[tl.Of]
		if it.Platform != "twitter" && tl.Lang != "zh" {
			long++
			if countWords([]byte(it.Text)) < 25 {
				short++
			}
		}
		if tl.Relation == "original" {
			continue
		}
		if tl.Relation == "translation" {
			if tl.Lang == p.lang[tl.Of] {
				t.Fatalf("translation %s in the original's language", tl.Item)
			}
		} else if tl.Lang != p.lang[tl.Of] {
			t.Fatalf("%s %s changes language", tl.Relation, tl.Item)
		}
		rel[tl.Relation] = append(rel[tl.Relation], overlap(words(body(it)), words(body(of))))
	}
	for _, r := range []string{"copy", "rewording", "translation"} {
		if len(rel[r]) < 50 {
			t.Fatalf("only %d %s echoes", len(rel[r]), r)
		}
	}
	if q := quantile(rel["copy"], 0.1); q < 0.75 {
		t.Errorf("copies: 10th percentile overlap %.2f < 0.75", q)
	}
	if m := median(rel["rewording"]); m < 0.5 || m > 0.85 {
		t.Errorf("rewordings: median overlap %.2f outside [0.5, 0.85]", m)
	}
	if m := median(rel["translation"]); m > 0.3 {
		t.Errorf("translations: median overlap %.2f > 0.3", m)
	}
	if median(rel["copy"]) <= median(rel["rewording"]) || median(rel["rewording"]) <= median(rel["translation"]) {
		t.Error("overlap does not fall from copies to rewordings to translations")
	}
	if short*20 > long {
		t.Errorf("%d of %d long-form echoes have fewer than 25 words", short, long)
	}
	for f, n := range sizes {
		if n < 2 || n > 60 {
			t.Errorf("family %s has %d members", f, n)
		}
	}
}

// canonical normalises a shared URL as documented: https, lower-case host without www., no
// tracking parameters, no fragment.
func canonical(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return s
	}
	u.Scheme, u.Fragment = "https", ""
	u.Host = strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	q := u.Query()
	for k := range q {
		if strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "s" {
			q.Del(k)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func TestTruthCoordination(t *testing.T) {
	p := sharedCorpus(t)
	kind := map[string]string{}
	members := map[string]bool{}
	for _, tl := range p.truth {
		if tl.Type == "coord" {
			kind[tl.Network] = tl.Kind
			members[tl.Account] = true
		}
	}
	family := map[string]string{}
	for _, tl := range p.truth {
		if tl.Type == "echo" {
			family[tl.Item] = tl.Family
		}
	}
	bursts := map[string][]time.Time{}
	for _, tl := range p.truth {
		if tl.Type != "burst" && tl.Type != "viral" {
			continue
		}
		first, last := p.byID[tl.Items[0]].t, p.byID[tl.Items[len(tl.Items)-1]].t
		if span := last.Sub(first); span > 10*time.Minute || span < 0 {
			t.Errorf("%s %v spans %v", tl.Type, tl.Items[:1], span)
		}
		if tl.Type == "viral" {
			continue
		}
		bursts[tl.Network] = append(bursts[tl.Network], first)
		for _, id := range tl.Items {
			it := p.byID[id]
			switch kind[tl.Network] {
			case "co-link":
				found := false
				for _, u := range it.URLs {
					found = found || canonical(u) == tl.Key
				}
				if !found {
					t.Fatalf("co-link item %s does not link %s: %v", id, tl.Key, it.URLs)
				}
			case "co-share":
				if it.Shares != tl.Key {
					t.Fatalf("co-share item %s shares %q, key %s", id, it.Shares, tl.Key)
				}
			case "co-text":
				if family[id] == "" || family[id] != family[tl.Items[0]] {
					t.Fatalf("co-text item %s is not in its burst's echo family", id)
				}
			}
		}
		if kind[tl.Network] == "co-text" {
			sum := sha256.Sum256([]byte(p.byID[tl.Items[0]].Text))
			if hex.EncodeToString(sum[:12]) != tl.Key {
				t.Errorf("co-text key %s is not the hash of the first text", tl.Key)
			}
		}
	}
	if len(bursts) != len(kind) || len(kind) < 3 {
		t.Fatalf("%d networks, %d with bursts", len(kind), len(bursts))
	}
	for n, ts := range bursts {
		if len(ts) < 2 || ts[len(ts)-1].Sub(ts[0]) < 6*time.Hour {
			t.Errorf("network %s: %d bursts within %v, want repeated bursts over days", n, len(ts), ts[len(ts)-1].Sub(ts[0]))
		}
	}
	// Organic shares of the same item spread over hours.
	shares := map[string][]time.Time{}
	for _, it := range p.items {
		if it.Shares != "" && !members[it.Account] {
			shares[it.Shares] = append(shares[it.Shares], it.t)
		}
	}
	var spread []float64
	for _, ts := range shares {
		if len(ts) >= 3 {
			spread = append(spread, ts[len(ts)-1].Sub(ts[0]).Hours())
		}
	}
	if len(spread) < 20 || median(spread) < 1 {
		t.Errorf("organic shares: %d items shared 3+ times, median spread %.1fh", len(spread), median(spread))
	}
}

func TestTruthClaims(t *testing.T) {
	p := sharedCorpus(t)
	byClaim := map[string][]string{}
	langs := map[string]map[string]bool{}
	for _, tl := range p.truth {
		if tl.Type == "claim" {
			byClaim[tl.Claim] = append(byClaim[tl.Claim], tl.Item)
			if langs[tl.Claim] == nil {
				langs[tl.Claim] = map[string]bool{}
			}
			langs[tl.Claim][p.lang[tl.Item]] = true
		}
	}
	if len(byClaim)*10 < len(p.claims)*9 {
		t.Errorf("only %d of %d claims are repeated in the corpus", len(byClaim), len(p.claims))
	}
	multi := 0
	for _, c := range p.claims {
		if len(langs[c.ID]) >= 3 {
			multi++
		}
		// English repeats mention a keyword of the claim.
		var en, hit int
		for _, id := range byClaim[c.ID] {
			if p.lang[id] != "en" {
				continue
			}
			en++
			text := strings.ToLower(body(p.byID[id]))
			for _, k := range c.Keywords {
				if strings.Contains(text, strings.ToLower(k)) {
					hit++
					break
				}
			}
		}
		if en >= 5 && hit*10 < en*7 {
			t.Errorf("claim %s: only %d of %d English repeats contain a keyword", c.ID, hit, en)
		}
	}
	if multi*2 < len(p.claims) {
		t.Errorf("only %d claims are repeated in three or more languages", multi)
	}
	if p.sum.ClaimItems < 300 || p.sum.ClaimItems > len(p.items)/5 {
		t.Errorf("%d claim items in %d", p.sum.ClaimItems, len(p.items))
	}
}

func TestLanguageDistribution(t *testing.T) {
	p := sharedCorpus(t)
	n := map[string]int{}
	for _, l := range p.lang {
		n[l]++
	}
	for _, l := range langs {
		if n[l]*1000 < len(p.items)*3 {
			t.Errorf("language %s: %d items (< 0.3%%)", l, n[l])
		}
	}
	share := func(l string) float64 { return float64(n[l]) / float64(len(p.items)) }
	for _, c := range []struct {
		lang   string
		lo, hi float64
	}{{"en", 0.12, 0.35}, {"ru", 0.08, 0.3}, {"uk", 0.04, 0.15}, {"de", 0.04, 0.15}, {"zh", 0.003, 0.05}} {
		if s := share(c.lang); s < c.lo || s > c.hi {
			t.Errorf("language %s: share %.3f outside [%.3f, %.3f]", c.lang, s, c.lo, c.hi)
		}
	}
	declared := 0
	for _, it := range p.items {
		if it.Lang != "" {
			declared++
		}
	}
	if declared == 0 || declared*5 > len(p.items) {
		t.Errorf("%d items declare a language; want some articles only", declared)
	}
}

func TestWriteBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 300,000 items")
	}
	opt := DefaultOptions()
	opt.Items = 300_000
	runtime.GC()
	var peak uint64
	done := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	sum, err := Write(context.Background(), opt, io.Discard, io.Discard, io.Discard)
	close(done)
	<-sampled
	if err != nil {
		t.Fatal(err)
	}
	if sum.Items != opt.Items {
		t.Fatalf("%d items", sum.Items)
	}
	if peak > 100<<20 {
		t.Fatalf("peak heap %d MB > 100 MB", peak>>20)
	}
	t.Logf("peak heap %d MB for %d items", peak>>20, sum.Items)
}

func TestWriteOptions(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Options)
	}{
		{"no items", func(o *Options) { o.Items = 0 }},
		{"negative days", func(o *Options) { o.Days = -1 }},
		{"share above one", func(o *Options) { o.ArticleShare = 1.5 }},
		{"echo share too high", func(o *Options) { o.EchoShare = 0.5 }},
		{"negative accounts", func(o *Options) { o.Accounts = -3 }},
		{"start before 1970", func(o *Options) { o.Start = time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := DefaultOptions()
			tc.edit(&opt)
			_, err := Write(context.Background(), opt, io.Discard, io.Discard, io.Discard)
			if !errors.Is(err, ErrOptions) {
				t.Fatalf("err = %v, want ErrOptions", err)
			}
		})
	}
	// Knobs change the corpus as documented.
	opt := DefaultOptions()
	opt.Items = 8000
	opt.Networks = -1
	opt.Claims = 0
	opt.Start = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	opt.Days = 7
	c, tr, k, sum := generate(t, opt)
	p := parse(t, c, tr, k, sum)
	if sum.CoordNetworks != 0 || sum.ClaimItems != 0 || len(p.claims) != 0 {
		t.Errorf("networks and claims switched off, got %+v", sum)
	}
	first, last := p.items[0].t, p.items[len(p.items)-1].t
	if first.Before(opt.Start) || last.After(opt.Start.Add(7*24*time.Hour)) {
		t.Errorf("items from %v to %v outside the 7 days from %v", first, last, opt.Start)
	}
}

func TestWriteErrors(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, DefaultOptions(), io.Discard, io.Discard, io.Discard); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context: err = %v", err)
	}
	boom := errors.New("disk full")
	_, err := Write(context.Background(), DefaultOptions(), failWriter{boom}, io.Discard, io.Discard)
	if !errors.Is(err, boom) {
		t.Errorf("failing corpus writer: err = %v", err)
	}
}

type failWriter struct{ err error }

func (w failWriter) Write([]byte) (int, error) { return 0, w.err }
