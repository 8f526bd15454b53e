package gen

import (
	"math/rand/v2"
	"sort"
	"strconv"
)

// Platforms, in id-prefix order.
const (
	platTwitter uint8 = iota
	platTelegram
	platFacebook
	platWeb
	nPlat
)

var (
	platNames   = [nPlat]string{"twitter", "telegram", "facebook", "web"}
	platPrefix  = [nPlat]string{"tw-", "tg-", "fb-", "web-"}
	platMaxText = [nPlat]int{280, 1000, 1000, 1 << 20}
)

// Stances of ordinary accounts towards the war.
const (
	stNeutral uint8 = iota
	stProUA
	stProKremlin
)

// Topic indices; topicNames must match the library's @topic names.
const (
	tChatter = iota
	tSport
	tWeather
	tPrices
	tLocal
	tTech
	tCelebrity
	tCooking
	tDebate
	nTopics
)

// Pseudo-topics drawn from narrative units rather than topic pools; together with the topics
// they are the content classes.
const (
	tFalse = nTopics + iota
	tTrue
	tDebunk
	nClasses
)

var topicNames = [nTopics]string{"chatter", "sport", "weather", "prices", "local", "tech", "celebrity", "cooking", "debate"}

// langWeight is the share of accounts and outlets per language (normalised).
var langWeight = [nLang]float64{
	20, 13, 9, 8, 6, 6, 3, 6, 5, // en ru uk de fr pl cs es it
	1.5, 1.5, 1.5, 2, 1.5, 1, 1, 0.8, 1, 2.5, 2, 1.5, // sk bg sr ro hu lt lv et be pt ar zh
}

// proKremlinShare is the share of ordinary accounts per language that lean pro-Kremlin.
var proKremlinShare = [nLang]float64{
	0.05, 0.35, 0.05, 0.07, 0.06, 0.03, 0.06, 0.05, 0.07,
	0.14, 0.16, 0.25, 0.06, 0.12, 0.03, 0.05, 0.04, 0.25, 0.05, 0.10, 0.10,
}

var topicWeight = [nTopics]float64{22, 12, 7, 8, 11, 9, 9, 6, 6}

// cumTable turns weights into a cumulative table for pick.
func cumTable(w []float64) []float64 {
	c := make([]float64, len(w))
	s := 0.0
	for i, x := range w {
		s += x
		c[i] = s
	}
	for i := range c {
		c[i] /= s
	}
	return c
}

// pick returns the index whose cumulative interval holds u in [0, 1).
func pick(cum []float64, u float64) int {
	i := sort.SearchFloat64s(cum, u)
	if i >= len(cum) {
		i = len(cum) - 1
	}
	if cum[i] == u && i+1 < len(cum) {
		i++
	}
	return i
}

// picker is a cumulative table with a bucket index, for weighted picks in about constant time.
type picker struct {
	cum    []float64
	bucket [256]uint16 // first index whose interval reaches into bucket b
}

func newPicker(w []float64) *picker {
	p := &picker{cum: cumTable(w)}
	i := 0
	for b := range p.bucket {
		lo := float64(b) / float64(len(p.bucket))
		for i < len(p.cum)-1 && p.cum[i] <= lo {
			i++
		}
		p.bucket[b] = uint16(i)
	}
	return p
}

// pick returns the index whose cumulative interval holds u in [0, 1); the same as pick(cum, u).
func (p *picker) pick(u float64) int {
	i := int(p.bucket[int(u*float64(len(p.bucket)))])
	for i < len(p.cum)-1 && p.cum[i] <= u {
		i++
	}
	return i
}

func unit01(h uint64) float64 { return float64(h>>11) / (1 << 53) }

// acct is what an account index implies; it is computed from a hash, never stored.
type acct struct {
	plat   uint8
	lang   uint8
	stance uint8
	topics [3]uint8
	net    int32 // network index, -1 for ordinary accounts
}

// account returns the attributes of account i. Ordinary accounts are [0, nOrg); network members
// follow, in blocks per network.
func (g *gen) account(i int32) acct {
	h := mix(g.acctKey ^ uint64(i)*0x2545f4914f6cdd1d)
	a := acct{net: -1}
	if int(i) >= g.nOrg {
		k := sort.Search(len(g.nets), func(k int) bool { return g.nets[k].base+g.nets[k].size > i })
		n := &g.nets[k]
		a.net, a.plat, a.lang = int32(k), n.plat, n.lang
		if n.kind == kindCoLink && h&3 == 0 {
			a.plat = uint8(mix(h) % 3)
		}
		a.stance = stProKremlin
		a.topics = [3]uint8{tChatter, tDebate, uint8(h>>40) % nTopics}
		return a
	}
	a.lang = uint8(g.langPick.pick(unit01(h)))
	h2 := mix(h)
	u := unit01(h2)
	switch {
	case a.lang == 1 || a.lang == 2 || a.lang == 17: // ru, uk, be: Telegram-heavy
		a.plat = uint8(g.platPickTG.pick(u))
	default:
		a.plat = uint8(g.platPick.pick(u))
	}
	h3 := mix(h2)
	switch u := unit01(h3); {
	case u < proKremlinShare[a.lang]:
		a.stance = stProKremlin
	case u < proKremlinShare[a.lang]+0.15:
		a.stance = stProUA
	}
	h4 := mix(h3)
	for k := range a.topics {
		a.topics[k] = uint8(g.topicPick.pick(unit01(h4)))
		h4 = mix(h4)
	}
	return a
}

// appendHandle appends the handle of account i: names from its language, made unique by a
// number at the end (bases never end in a digit). The number is a pseudo-random permutation of
// the index, so accounts with neighbouring indices (network members) do not get neighbouring
// numbers.
func (g *gen) appendHandle(dst []byte, i int32, lang uint8) []byte {
	h := mix(g.acctKey ^ uint64(i)*0x9e3779b97f4a7c15 ^ 0xa5a5)
	first := g.lib.words(int(lang), "hfirst")
	last := g.lib.words(int(lang), "hlast")
	f := first[h%uint64(len(first))]
	l := last[(h>>20)%uint64(len(last))]
	switch (h >> 40) % 6 {
	case 0:
		dst = append(append(append(dst, f...), '_'), l...)
	case 1:
		dst = append(append(dst, f...), l...)
	case 2:
		dst = append(append(append(dst, f...), '.'), l...)
	case 3:
		dst = append(append(append(dst, l...), '_'), f[0])
	case 4:
		dst = append(append(dst, "real_"...), f...)
	default:
		dst = append(append(append(dst, f...), '_'), l[0])
	}
	return strconv.AppendUint(dst, g.permute(uint64(i)), 10)
}

// permute is a bijection of [0, nOrg+nNet): xorshift-multiply rounds on the next power of two,
// cycle-walking until the value falls inside the range.
func (g *gen) permute(x uint64) uint64 {
	n := uint64(g.nOrg + g.nNet)
	bits := uint(10)
	for 1<<bits < n {
		bits++
	}
	mask := uint64(1)<<bits - 1
	k := g.acctKey
	for {
		for r := range 3 {
			x = (x + (k >> (8 * r))) & mask
			x = x * (0x9e3779b97f4a7c15 | 1) & mask
			x ^= x >> (bits/2 + 1)
		}
		if x < n {
			return x
		}
	}
}

// Outlet kinds.
const (
	okMainstream uint8 = iota
	okPro
	okLocal
	okTech
	okSport
	okFact
	nOutletKinds
)

var outletKindWeight = [nOutletKinds]float64{40, 14, 24, 7, 9, 6}

// minOutlets is the size of the guaranteed part of the outlet table (a mainstream and a
// pro-Kremlin outlet per language, and a fact-checker for each core language).
const minOutlets = 2*nLang + len(factLangs)

// factLangs have a fact-checking outlet: en uk de fr pl es.
var factLangs = [...]uint8{0, 2, 3, 4, 5, 7}

type outlet struct {
	domain   string
	lang     uint8
	kind     uint8
	declares bool   // articles carry "lang"
	footer   uint64 // seed of its one-line footer (frame footer); 0: none
	weight   float64
}

// buildOutlets makes the outlet table: per language a mainstream and a pro-Kremlin outlet, a
// fact-checker for the core languages, then random outlets.
func (g *gen) buildOutlets(n int) {
	rng := rand.New(rand.NewPCG(uint64(g.opt.Seed), 0x07))
	seen := map[string]bool{}
	add := func(lang, kind uint8) {
		li := int(lang)
		var d []byte
		w := func(name string) string {
			ws := g.lib.words(li, name)
			return ws[rng.IntN(len(ws))]
		}
		switch kind {
		case okPro:
			d = append(d, w("proA")...)
			d = append(append(d, '-'), langs[li]...)
			d = append(append(d, '.'), w("protld")...)
		case okTech:
			d = append(append(append(d, w("techA")...), w("outletB")...), '.')
			d = append(d, w("tld")...)
		case okSport:
			d = append(append(append(d, w("sportA")...), w("outletA")...), '.')
			d = append(d, w("tld")...)
		case okFact:
			d = append(append(append(d, w("factA")...), '-'), langs[li]...)
			d = append(d, ".org"...)
		case okLocal:
			d = append(append(append(d, w("ocity")...), '-'), w("outletB")...)
			d = append(append(d, '.'), w("tld")...)
		default:
			d = append(append(append(d, w("outletA")...), '-'), w("outletB")...)
			d = append(append(d, '.'), w("tld")...)
		}
		dom := string(d)
		for k := 2; seen[dom]; k++ {
			i := indexByte(d, '.')
			dom = string(d[:i]) + strconv.Itoa(k) + string(d[i:])
		}
		seen[dom] = true
		footer := uint64(0)
		if h := mix(g.acctKey ^ uint64(len(g.outlets))*0x9e3779b97f4a7c15 ^ 0xf007); h%100 < 45 {
			footer = mix(h) | 1
		}
		g.outlets = append(g.outlets, outlet{
			footer:   footer,
			domain:   dom,
			lang:     lang,
			kind:     kind,
			declares: rng.IntN(2) == 0,
			weight:   outletKindWeight[kind] * (0.3 + 1.7*rng.Float64()) * (0.5 + langWeight[lang]/10),
		})
	}
	for li := range nLang {
		add(uint8(li), okMainstream)
		add(uint8(li), okPro)
	}
	for _, li := range factLangs {
		add(li, okFact)
	}
	kindCum := cumTable(outletKindWeight[:])
	for len(g.outlets) < n {
		add(uint8(pick(g.langCum, rng.Float64())), uint8(pick(kindCum, rng.Float64())))
	}
	ws := make([]float64, len(g.outlets))
	for i := range g.outlets {
		ws[i] = g.outlets[i].weight
		o := &g.outlets[i]
		g.outletsBy[o.kind][o.lang] = append(g.outletsBy[o.kind][o.lang], int32(i))
	}
	g.outletCum = cumTable(ws)
}

func indexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return len(b)
}

// outletFor returns an outlet of the kind in the language, falling back to mainstream.
func (g *gen) outletFor(kind, lang uint8, h uint64) int32 {
	l := g.outletsBy[kind][lang]
	if len(l) == 0 {
		l = g.outletsBy[okMainstream][lang]
	}
	return l[h%uint64(len(l))]
}
