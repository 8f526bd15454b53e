package gen

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"time"
)

// Write generates the corpus for opt and streams it: items to corpus, ground truth to truth and
// the claim set to claims, each as JSON Lines (formats in the package doc). It buffers its
// writes and returns the first write error. Memory does not grow with Items: items are made one
// time slice at a time (about 1,500 items), and only pending planted items (families, bursts)
// and fixed-size windows of recent items are kept. Write checks ctx between slices.
func Write(ctx context.Context, opt Options, corpus, truth, claims io.Writer) (Summary, error) {
	return write(ctx, opt, corpus, truth, claims, nil)
}

// write is Write with an observer that sees every item as it is written (tests).
func write(ctx context.Context, opt Options, corpus, truth, claims io.Writer, observe func(*item)) (Summary, error) {
	lib, err := loadLibrary()
	if err != nil {
		return Summary{}, fmt.Errorf("gen: library: %w", err)
	}
	r, err := opt.resolve(len(lib.claims))
	if err != nil {
		return Summary{}, err
	}
	g := newGen(r, lib)
	g.observe = observe
	g.cw = bufio.NewWriterSize(corpus, 256<<10)
	g.tw = bufio.NewWriterSize(truth, 128<<10)
	kw := bufio.NewWriterSize(claims, 16<<10)
	g.writeClaims(kw)
	if err := kw.Flush(); err != nil {
		return Summary{}, fmt.Errorf("gen: write claims: %w", err)
	}
	if err := g.run(ctx); err != nil {
		return g.sum, err
	}
	if err := g.cw.Flush(); err != nil {
		return g.sum, fmt.Errorf("gen: write corpus: %w", err)
	}
	if err := g.tw.Flush(); err != nil {
		return g.sum, fmt.Errorf("gen: write truth: %w", err)
	}
	return g.sum, nil
}

// Roles of items.
const (
	roleOrganic uint8 = iota
	roleOriginal
	roleCopy
	roleReword
	roleTranslate
	roleSeed       // burst seed: the article a co-link burst links, the post a co-share burst shares
	roleMember     // co-link or co-share burst member
	roleViralStory // the article of a viral moment
	roleViralPost  // an ordinary account posting the viral link
)

var relNames = [...]string{roleOriginal: "original", roleCopy: "copy", roleReword: "rewording", roleTranslate: "translation"}

// planned is an item decided ahead of its time: a member of a family, burst or viral moment.
type planned struct {
	t    int64
	seq  uint64
	fam  *family
	bst  *burst
	vir  *viral
	role uint8
	plat uint8 // platWeb for articles
	lang uint8
	who  int32 // account (posts) or outlet (articles)
}

type gen struct {
	opt        resolved
	lib        *library
	start, end int64
	nSlices    int
	cum        []float64 // cumulative activity at slice boundaries, cum[0]=0, cum[nSlices]=1

	acctKey                     uint64
	nOrg, nHyper                int
	nNet                        int
	nets                        []network
	bursts                      []burstAt // all bursts, by time
	outlets                     []outlet
	outletsBy                   [nOutletKinds][nLang][]int32
	outletCum                   []float64
	langCum                     []float64
	netLangCum                  []float64
	langPick                    *picker
	platPick                    *picker
	platPickTG                  *picker
	topicPick                   *picker
	byLang                      [nLang][3][]int32            // sample of ordinary accounts per language and stance
	pool                        [][nUnitKinds][nLang][]int32 // usable units per narrative, kind, language
	falseNarrs                  []int16
	trueNarr                    int16
	framesNarr                  int16
	narrDay                     [][]float64 // per false narrative: weight per day
	intensity                   []float64   // narrative intensity multiplier per day (mean 1)
	famTotal, virTotal, organic int
	orgArticleP                 float64

	// Planning state (reset between the counting and the real pass).
	heap    []planned
	seq     uint64
	famN    int
	burstI  int
	virN    int
	planned int
	hot     []hotUnit // units of the echo families planned last, oldest first
	hotAt   int64     // the time of the message being built: units hot then are avoided
	hotPad  int64     // how long units stay hot after their family (longer for new families)

	// Emission state.
	counters [nPlat]int64
	recent   [nPlat]ring // recent posts per platform (replies)
	popular  [nPlat]ring // popular posts per platform (shares)
	articles [nClasses]ring
	seenAcct []uint64
	seenOut  []bool
	it       item
	spans    []span
	line     []byte
	scratch  []byte
	dayc     dayCache
	cw, tw   *bufio.Writer
	sum      Summary
	observe  func(*item) // nil except in tests
}

func newGen(opt resolved, lib *library) *gen {
	g := &gen{opt: opt, lib: lib}
	g.start = opt.Start.Unix()
	g.end = g.start + int64(opt.Days)*86400
	g.acctKey = mix(uint64(opt.Seed) ^ 0xacc0)
	g.langCum = cumTable(langWeight[:])
	g.langPick = newPicker(langWeight[:])
	g.platPick = newPicker([]float64{45, 25, 30})
	g.platPickTG = newPicker([]float64{25, 55, 20})
	g.topicPick = newPicker(topicWeight[:])
	g.nOrg = opt.accounts
	g.nHyper = max(1, g.nOrg/200)
	g.indexAccounts()
	g.setupNarratives()
	g.buildOutlets(opt.outlets)
	g.buildNetworks()
	g.setupSlices()
	for p := range nPlat {
		g.recent[p] = newRing(1024)
		g.popular[p] = newRing(8192)
	}
	for c := range nClasses {
		g.articles[c] = newRing(256)
	}
	g.seenAcct = make([]uint64, (g.nOrg+g.nNet)/64+1)
	g.seenOut = make([]bool, len(g.outlets))
	// Counting pass: the planner is a pure function of the options, so running it once without
	// emitting tells how many planted items there will be, and the ordinary items fill the rest.
	g.resetPlan()
	for s := range g.nSlices {
		g.planSlice(s, func(*planned) { g.planned++ })
	}
	g.organic = max(opt.Items-g.planned, 0)
	g.orgArticleP = opt.ArticleShare
	g.resetPlan()
	return g
}

func (g *gen) resetPlan() {
	g.heap = g.heap[:0]
	g.seq, g.famN, g.burstI, g.virN = 0, 0, 0, 0
	g.hot = g.hot[:0]
}

// setupNarratives builds the per-language unit pools, leaving out claims beyond opt.maxClaims.
func (g *gen) setupNarratives() {
	l := g.lib
	g.pool = make([][nUnitKinds][nLang][]int32, len(l.narrs))
	g.trueNarr, g.framesNarr = -1, -1
	for ni := range l.narrs {
		n := &l.narrs[ni]
		switch {
		case n.id == "kharkiv":
			g.trueNarr = int16(ni)
		case n.id == "frames":
			g.framesNarr = int16(ni)
		case n.false_:
			g.falseNarrs = append(g.falseNarrs, int16(ni))
		}
		for k := range nUnitKinds {
			for _, ui := range n.units[k] {
				u := &l.units[ui]
				if u.claim >= 0 && int(u.claim) >= g.opt.maxClaims {
					continue
				}
				for li := range nLang {
					if u.tpl[li] >= 0 {
						g.pool[ni][k][li] = append(g.pool[ni][k][li], ui)
					}
				}
			}
		}
	}
	days := g.opt.Days + 1
	g.narrDay = make([][]float64, len(l.narrs))
	g.intensity = make([]float64, days)
	for _, ni := range g.falseNarrs {
		w := make([]float64, days)
		for d := range w {
			w[d] = 0.3
			for _, p := range l.narrs[ni].peaks {
				x := float64(d) - p
				w[d] += 1.5 / (1 + x*x/9) // a bump of about three days around the peak
			}
			g.intensity[d] += w[d]
		}
		g.narrDay[ni] = w
	}
	mean := 0.0
	for _, x := range g.intensity {
		mean += x
	}
	mean /= float64(days)
	for d := range g.intensity {
		if mean > 0 {
			g.intensity[d] = 0.5 + 0.5*g.intensity[d]/mean
		} else {
			g.intensity[d] = 1
		}
	}
}

// diurnal is the relative activity per UTC hour (Europe-centred).
var diurnal = [24]float64{0.35, 0.25, 0.2, 0.2, 0.3, 0.5, 0.8, 1.0, 1.15, 1.2, 1.2, 1.2, 1.25, 1.25, 1.2, 1.2, 1.2, 1.25, 1.3, 1.35, 1.3, 1.1, 0.8, 0.55}

// setupSlices divides the span into slices of about 1,500 items (at least one per hour) and
// computes the cumulative activity that allocates items to slices.
func (g *gen) setupSlices() {
	span := g.end - g.start
	g.nSlices = max(int(span/3600), g.opt.Items/1500, 1)
	g.cum = make([]float64, g.nSlices+1)
	for s := range g.nSlices {
		lo, hi := g.bound(s), g.bound(s+1)
		mid := time.Unix((lo+hi)/2, 0).UTC()
		w := diurnal[mid.Hour()]
		if wd := mid.Weekday(); wd == time.Saturday || wd == time.Sunday {
			w *= 0.85
		}
		w *= 0.8 + 0.2*g.intensity[g.day((lo+hi)/2)]
		g.cum[s+1] = g.cum[s] + w*float64(hi-lo)
	}
	total := g.cum[g.nSlices]
	for s := range g.cum {
		g.cum[s] /= total
	}
	g.cum[g.nSlices] = 1
	g.famTotal = int(math.Round(g.opt.EchoShare * float64(g.opt.Items) / meanFamily))
	g.virTotal = g.opt.virals
}

// meanFamily is the mean planted family size (2 + floor(58 u^5), less members cut at the end).
const meanFamily = 11.0

func (g *gen) bound(s int) int64 {
	return g.start + (g.end-g.start)*int64(s)/int64(g.nSlices)
}

func (g *gen) day(t int64) int {
	return min(max(int((t-g.start)/86400), 0), g.opt.Days)
}

// alloc splits total over slices in proportion to activity: the count for slice s.
func (g *gen) alloc(total, s int) int {
	return int(float64(total)*g.cum[s+1]) - int(float64(total)*g.cum[s])
}

// slot is one item of a slice in emission order: a planned item (index into the slice's
// planned list) or an ordinary one (p < 0), ordered by (t, tie).
type slot struct {
	t   int64
	tie uint64
	p   int32
}

func (g *gen) run(ctx context.Context) error {
	var (
		slots []slot
		plans []planned
	)
	g.writeNetworks()
	for s := range g.nSlices {
		if err := ctx.Err(); err != nil {
			return err
		}
		lo, hi := g.bound(s), g.bound(s+1)
		g.planSlice(s, g.push)
		slots, plans = slots[:0], plans[:0]
		for len(g.heap) > 0 && g.heap[0].t < hi {
			p := g.pop()
			slots = append(slots, slot{t: p.t, tie: p.seq, p: int32(len(plans))})
			plans = append(plans, p)
		}
		rng := rand.New(rand.NewPCG(uint64(g.opt.Seed), mix(uint64(s)<<8|0x01)))
		n := g.alloc(g.organic, s)
		for i := range n {
			t := lo + rng.Int64N(max(hi-lo, 1))
			slots = append(slots, slot{t: t, tie: 1<<62 + uint64(i), p: -1})
		}
		slices.SortFunc(slots, func(a, b slot) int {
			if c := cmp.Compare(a.t, b.t); c != 0 {
				return c
			}
			return cmp.Compare(a.tie, b.tie)
		})
		for i := range slots {
			if slots[i].p < 0 {
				g.organicItem(rng, slots[i].t)
			} else {
				g.plannedItem(rng, &plans[slots[i].p])
			}
		}
		for i := range plans {
			plans[i] = planned{} // drop references to finished families and bursts
		}
		// A bufio.Writer's error is sticky: an empty write reports it.
		if _, err := g.cw.Write(nil); err != nil {
			return fmt.Errorf("gen: write corpus: %w", err)
		}
		if _, err := g.tw.Write(nil); err != nil {
			return fmt.Errorf("gen: write truth: %w", err)
		}
	}
	g.finishSummary()
	if len(g.heap) != 0 {
		return fmt.Errorf("gen: internal error: %d planned items left after the last slice", len(g.heap))
	}
	return nil
}

// Heap of planned items by (t, seq).

func (g *gen) push(p *planned) {
	g.heap = append(g.heap, *p)
	i := len(g.heap) - 1
	for i > 0 {
		j := (i - 1) / 2
		if !g.less(i, j) {
			break
		}
		g.heap[i], g.heap[j] = g.heap[j], g.heap[i]
		i = j
	}
}

func (g *gen) pop() planned {
	h := g.heap
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h[n] = planned{}
	g.heap = h[:n]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && g.less(l, m) {
			m = l
		}
		if r < n && g.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	return top
}

func (g *gen) less(i, j int) bool {
	a, b := &g.heap[i], &g.heap[j]
	return a.t < b.t || a.t == b.t && a.seq < b.seq
}

// item is the item being built; its buffers are reused.
type item struct {
	t       int64
	plat    uint8
	acct    int32 // posting account, -1 for articles
	outlet  int32 // -1 for posts
	lang    uint8
	declare bool
	class   uint8
	popular bool
	role    uint8 // roleOrganic or the planned role
	num     int64 // per-platform number, set by finish
	extra   int   // offset in text where links, tags and emoji start; -1 when none
	title   []byte
	text    []byte
	url     string
	shares  string
	reply   string
	urls    []string
	tags    []string
	claims  []int16
}

func (g *gen) reset(t int64) *item {
	it := &g.it
	*it = item{t: t, acct: -1, outlet: -1, extra: -1, title: it.title[:0], text: it.text[:0], urls: it.urls[:0], tags: it.tags[:0], claims: it.claims[:0]}
	g.spans = g.spans[:0]
	return it
}

// finish writes the item and its lang and claim truth lines, updates the windows of recent
// items and returns its per-platform number.
func (g *gen) finish(it *item) int64 {
	g.counters[it.plat]++
	num := g.counters[it.plat]
	b := g.line[:0]
	b = append(b, `{"id":"`...)
	b = appendID(b, it.plat, num)
	b = append(b, '"')
	b = appendField(b, "platform", platNames[it.plat])
	g.scratch = g.scratch[:0]
	if it.acct >= 0 {
		g.scratch = g.appendHandle(g.scratch, it.acct, g.account(it.acct).lang)
		g.seenAcct[it.acct/64] |= 1 << (it.acct % 64)
	} else {
		g.scratch = g.appendAuthor(g.scratch, it.outlet, it.t)
	}
	b = appendField(b, "account", g.scratch)
	if it.outlet >= 0 {
		b = appendField(b, "outlet", g.outlets[it.outlet].domain)
		g.seenOut[it.outlet] = true
		g.sum.Articles++
	} else {
		g.sum.Posts++
	}
	if it.url != "" {
		b = appendField(b, "url", it.url)
	}
	if len(it.title) > 0 {
		b = appendField(b, "title", it.title)
	}
	b = appendField(b, "text", it.text)
	b = append(b, `,"published":"`...)
	b = appendTime(b, it.t, &g.dayc)
	b = append(b, '"')
	if it.declare {
		b = appendField(b, "lang", langs[it.lang])
	}
	if it.shares != "" {
		b = appendField(b, "shares", it.shares)
	}
	if it.reply != "" {
		b = appendField(b, "reply_to", it.reply)
	}
	if len(it.urls) > 0 {
		b = appendStrList(b, "urls", it.urls)
	}
	if len(it.tags) > 0 {
		b = appendStrList(b, "hashtags", it.tags)
	}
	b = append(b, "}\n"...)
	g.cw.Write(b)

	b = append(b[:0], `{"type":"lang","item":"`...)
	b = appendID(b, it.plat, num)
	b = append(b, `","lang":"`...)
	b = append(b, langs[it.lang]...)
	b = append(b, "\"}\n"...)
	g.collectClaims(it)
	for _, c := range it.claims {
		b = append(b, `{"type":"claim","item":"`...)
		b = appendID(b, it.plat, num)
		b = append(b, `","claim":"`...)
		b = append(b, g.lib.claims[c].id...)
		b = append(b, "\"}\n"...)
	}
	if len(it.claims) > 0 {
		g.sum.ClaimItems++
	}
	g.tw.Write(b)
	g.line = b
	g.sum.Items++
	if g.observe != nil {
		it.num = num
		g.observe(it)
	}

	e := ref{t: it.t, num: num, acct: it.acct, plat: it.plat, lang: it.lang}
	if it.plat == platWeb {
		e.url = it.url
		g.articles[it.class].push(e)
	} else {
		g.recent[it.plat].push(e)
		if it.popular {
			e.prefix = string(firstWords(it.text, 10))
			g.popular[it.plat].push(e)
		}
	}
	return num
}

// collectClaims turns the claim spans that survived editing into it.claims (deduplicated). A
// span counts when at least 60% of it is still in the text.
func (g *gen) collectClaims(it *item) {
	for _, s := range g.spans {
		if s.claim < 0 {
			continue
		}
		end := s.end
		if s.title {
			if end > len(it.title) {
				end = len(it.title)
			}
		} else if end > len(it.text) {
			end = len(it.text)
		}
		if (end-s.start)*10 < (s.end-s.start)*6 || slices.Contains(it.claims, s.claim) {
			continue
		}
		it.claims = append(it.claims, s.claim)
	}
}

func firstWords(b []byte, n int) []byte {
	w := 0
	for i := range len(b) {
		if b[i] == ' ' || b[i] == '\n' {
			w++
			if w == n {
				return b[:i]
			}
		}
	}
	return b
}

// Truth lines for families, bursts and networks.

func (g *gen) writeEcho(f *family, plat uint8, num int64, role uint8, lang uint8) {
	b := append(g.line[:0], `{"type":"echo","family":"`...)
	b = appendFamilyID(b, f.id)
	b = append(b, `","item":"`...)
	b = appendID(b, plat, num)
	b = append(b, `","relation":"`...)
	b = append(b, relNames[role]...)
	b = append(b, `","of":"`...)
	b = append(b, f.origID...)
	b = append(b, `","lang":"`...)
	b = append(b, langs[lang]...)
	b = append(b, "\"}\n"...)
	g.tw.Write(b)
	g.line = b
	g.sum.EchoItems++
	if role == roleOriginal {
		g.sum.EchoGroups++
	}
}

func appendFamilyID(b []byte, id int) []byte {
	b = append(b, 'e')
	for k := 1000; k > 1 && id < k; k /= 10 {
		b = append(b, '0')
	}
	return fmt.Appendf(b, "%d", id)
}

func appendNetworkID(b []byte, id int) []byte {
	b = append(b, 'n')
	for k := 100; k > 1 && id < k; k /= 10 {
		b = append(b, '0')
	}
	return fmt.Appendf(b, "%d", id)
}

var kindNames = [...]string{"co-link", "co-share", "co-text"}

// writeNetworks writes one coord line per member account, before any item.
func (g *gen) writeNetworks() {
	for k := range g.nets {
		n := &g.nets[k]
		for m := range n.size {
			b := append(g.line[:0], `{"type":"coord","network":"`...)
			b = appendNetworkID(b, k+1)
			b = append(b, `","account":`...)
			g.scratch = g.appendHandle(g.scratch[:0], n.base+int32(m), n.lang)
			b = appendJSONStr(b, g.scratch)
			b = append(b, `,"kind":"`...)
			b = append(b, kindNames[n.kind]...)
			b = append(b, "\"}\n"...)
			g.tw.Write(b)
			g.line = b
		}
		g.sum.CoordAccounts += int(n.size)
	}
	g.sum.CoordNetworks = len(g.nets)
}

// writeGroup writes a burst or viral line.
func (g *gen) writeGroup(typ string, network int, items []string, key string) {
	if network > 0 {
		g.sum.Bursts++
	} else {
		g.sum.Virals++
	}
	b := append(g.line[:0], `{"type":"`...)
	b = append(b, typ...)
	b = append(b, '"')
	if network > 0 {
		b = append(b, `,"network":"`...)
		b = appendNetworkID(b, network)
		b = append(b, '"')
	}
	b = appendStrList(b, "items", items)
	b = appendField(b, "key", key)
	b = append(b, "}\n"...)
	g.tw.Write(b)
	g.line = b
}

// finishSummary counts distinct accounts and outlets.
func (g *gen) finishSummary() {
	for _, w := range g.seenAcct {
		for ; w != 0; w &= w - 1 {
			g.sum.Accounts++
		}
	}
	for _, s := range g.seenOut {
		if s {
			g.sum.Outlets++
		}
	}
}
