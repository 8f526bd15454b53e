package gen

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A template is a sentence with choice points, parsed once from the embedded library:
//
//	{a|b|c}    one of the alternatives (they may nest and hold slots)
//	[city]     a word from the vocabulary list "city" of the template's language (or of "*")
//	[city.in]  a linked form: lists named group.form ("city", "city.in", "city.gen") are
//	           parallel, and every form of a group names the same entry
//	[city#2]   a second entry of the group, different from the first (#3 a third, …)
//	[@react]   a phrase from the pool "react" of the template's language: a template itself
//	[n:3-40]   an integer in [3, 40]
//
// Rendering is stateless: every choice point has a key, and the choice is a hash of a seed and
// that key. Words are facts of the whole message: they hash the message's fact seed and the
// group and occurrence, so every sentence of an article names the same city in the right form,
// and translations name the same entry of parallel lists. Alternatives, pool phrases and
// numbers hash the sentence seed. Copies render with the same seeds (identical text), rewordings
// with the same seeds plus a variation seed that flips most alternatives (same facts and
// phrases, different words), and translations with the same seeds in another language (numbers
// are keyed by occurrence, so they agree across languages).
type node struct {
	kind  uint8
	lit   string
	alts  [][]node
	words []string
	lo    int32
	hi    int32 // numbers: upper bound; words: occurrence (1 for the group's first entry)
	key   uint64
}

const (
	nodeLit uint8 = iota
	nodeAlt
	nodeWord
	nodeNum
	nodePool   // alts are the pool's phrases (shared with the pool)
	nodeChoice // alternatives that are plain text (words), chosen like nodeAlt
)

type tmplParser struct {
	src    string
	pos    int
	alts   int
	slots  map[string]int
	lookup func(name string) ([]string, bool)
	pools  func(name string) ([][]node, error)
}

// parseTemplate parses one template; lookup resolves vocabulary slots and pools resolves
// [@name] references (nil: none allowed).
func parseTemplate(s string, lookup func(name string) ([]string, bool), pools func(name string) ([][]node, error)) ([]node, error) {
	p := &tmplParser{src: s, slots: map[string]int{}, lookup: lookup, pools: pools}
	ns, end, err := p.seq(false)
	if err != nil {
		return nil, err
	}
	if end != 0 {
		return nil, fmt.Errorf("template %q: unexpected %q at %d", s, end, p.pos-1)
	}
	return ns, nil
}

// altNode is the node of an alternative group: a nodeChoice when every alternative is plain
// text (most are; rendering them needs no recursion), else a nodeAlt.
func altNode(alts [][]node, key uint64) node {
	words := make([]string, len(alts))
	for i, a := range alts {
		switch {
		case len(a) == 0:
		case len(a) == 1 && a[0].kind == nodeLit:
			words[i] = a[0].lit
		default:
			return node{kind: nodeAlt, alts: alts, key: key}
		}
	}
	return node{kind: nodeChoice, words: words, key: key}
}

// seq parses until end of input or, inside a group, until '|' or '}' (returned as end).
func (p *tmplParser) seq(inGroup bool) ([]node, byte, error) {
	var ns []node
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			ns = append(ns, node{kind: nodeLit, lit: lit.String()})
			lit.Reset()
		}
	}
	for p.pos < len(p.src) {
		c := p.src[p.pos]
		switch c {
		case '{':
			flush()
			p.pos++
			key := uint64(0x9e37_0000) + uint64(p.alts)
			p.alts++
			var alts [][]node
			for {
				alt, end, err := p.seq(true)
				if err != nil {
					return nil, 0, err
				}
				alts = append(alts, alt)
				if end == '}' {
					break
				}
				if end != '|' {
					return nil, 0, fmt.Errorf("template %q: unclosed {", p.src)
				}
			}
			ns = append(ns, altNode(alts, key))
		case '|', '}':
			if !inGroup {
				return nil, 0, fmt.Errorf("template %q: stray %q at %d", p.src, c, p.pos)
			}
			flush()
			p.pos++
			return ns, c, nil
		case '[':
			flush()
			j := strings.IndexByte(p.src[p.pos:], ']')
			if j < 0 {
				return nil, 0, fmt.Errorf("template %q: unclosed [", p.src)
			}
			name := p.src[p.pos+1 : p.pos+j]
			p.pos += j + 1
			n, err := p.slot(name)
			if err != nil {
				return nil, 0, err
			}
			ns = append(ns, n)
		case ']':
			return nil, 0, fmt.Errorf("template %q: stray ] at %d", p.src, p.pos)
		default:
			lit.WriteByte(c)
			p.pos++
		}
	}
	if inGroup {
		return nil, 0, fmt.Errorf("template %q: unclosed {", p.src)
	}
	flush()
	return ns, 0, nil
}

func (p *tmplParser) slot(name string) (node, error) {
	if pool, ok := strings.CutPrefix(name, "@"); ok {
		if p.pools == nil {
			return node{}, fmt.Errorf("template %q: no pools here [%s]", p.src, name)
		}
		alts, err := p.pools(pool)
		if err != nil {
			return node{}, fmt.Errorf("template %q: %w", p.src, err)
		}
		occ := p.slots[name]
		p.slots[name] = occ + 1
		return node{kind: nodePool, alts: alts, key: strHash(name) ^ uint64(occ+1)*0x51_7cc1_b727_220a}, nil
	}
	if rng, ok := strings.CutPrefix(name, "n:"); ok {
		occ := p.slots["n"]
		p.slots["n"] = occ + 1
		lo, hi, ok := strings.Cut(rng, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil || b < a {
			return node{}, fmt.Errorf("template %q: bad number slot [%s]", p.src, name)
		}
		return node{kind: nodeNum, lo: int32(a), hi: int32(b), key: strHash("n") ^ uint64(occ+1)*0x51_7cc1_b727_220a}, nil
	}
	list, occ := name, 1
	if i := strings.IndexByte(name, '#'); i >= 0 {
		k, err := strconv.Atoi(name[i+1:])
		if err != nil || k < 1 || k > 9 {
			return node{}, fmt.Errorf("template %q: bad occurrence [%s]", p.src, name)
		}
		list, occ = name[:i], k
	}
	group, _, _ := strings.Cut(list, ".")
	words, ok := p.lookup(list)
	if !ok || len(words) == 0 {
		return node{}, fmt.Errorf("template %q: unknown vocabulary [%s]", p.src, name)
	}
	return node{kind: nodeWord, words: words, hi: int32(occ), key: strHash(group)}, nil
}

// chooser renders templates. seed fixes alternatives, pool phrases and numbers, fseed (the
// message's fact seed; seed when zero) fixes words; when vseed is non-zero, each alternative
// group switches to a different alternative with probability vp/2^64 (a rewording).
type chooser struct {
	seed  uint64
	fseed uint64
	vseed uint64
	vp    uint64
	first bool // canonical form: first alternative, first word, lowest number
}

func (c chooser) pick(key uint64, n int) int {
	if c.first {
		return 0
	}
	k := int(mix(c.seed^key) % uint64(n))
	if c.vseed != 0 && n > 1 {
		v := mix(c.vseed ^ key)
		if v < c.vp {
			k = (k + 1 + int(mix(v)%uint64(n-1))) % n
		}
	}
	return k
}

// word returns the index of a word node's entry: the group's first entry from the fact seed,
// and for a later occurrence a different entry.
func (c chooser) word(n *node) int {
	if c.first {
		return 0
	}
	fs := c.fseed
	if fs == 0 {
		fs = c.seed
	}
	l := uint64(len(n.words))
	k := mix(fs^n.key) % l
	if n.hi > 1 && l > 1 {
		k = (k + 1 + mix(fs^n.key^uint64(n.hi)*0x2545f4914f6cdd1d)%(l-1)) % l
	}
	return int(k)
}

func (c chooser) render(dst []byte, ns []node) []byte {
	for i := range ns {
		n := &ns[i]
		switch n.kind {
		case nodeLit:
			dst = append(dst, n.lit...)
		case nodeAlt:
			dst = c.render(dst, n.alts[c.pick(n.key, len(n.alts))])
		case nodePool:
			// The phrase stays in a rewording (its alternatives may not); its own choice points
			// hash seeds derived from the reference, so they are independent of the caller's.
			k := 0
			if !c.first {
				k = int(mix(c.seed^n.key) % uint64(len(n.alts)))
			}
			sub := c
			if !c.first {
				sub.seed = mix(c.seed ^ n.key ^ 0x5ca1ab1e)
				if c.vseed != 0 {
					sub.vseed = mix(c.vseed ^ n.key)
				}
			}
			dst = sub.render(dst, n.alts[k])
		case nodeChoice:
			dst = append(dst, n.words[c.pick(n.key, len(n.words))]...)
		case nodeWord:
			dst = append(dst, n.words[c.word(n)]...)
		case nodeNum:
			k := mix(c.seed^n.key) % uint64(n.hi-n.lo+1)
			if c.first {
				k = 0
			}
			dst = strconv.AppendInt(dst, int64(n.lo)+int64(k), 10)
		}
	}
	return dst
}

// capitalize upper-cases the first letter of b[start:] when that keeps its length (a sentence
// may begin with a phrase from a pool).
func capitalize(b []byte, start int) {
	r, n := utf8.DecodeRune(b[start:])
	if !unicode.IsLower(r) {
		return
	}
	if u := unicode.ToUpper(r); utf8.RuneLen(u) == n {
		utf8.EncodeRune(b[start:], u)
	}
}

// mix is the SplitMix64 finaliser: a fast, well-distributed 64-bit hash.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// strHash is FNV-1a, used to key names.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// compactTemplates copies the templates into one node arena and their literals into one string,
// in rendering order, so that rendering walks memory mostly forward: the library is larger than
// the CPU caches, and nodes and literals scattered over the heap made rendering miss them. Pool
// phrases shared by many templates stay shared.
func compactTemplates(tpls [][]node) [][]node {
	var (
		nNodes, nAlts int
		buf           []byte
		seen          = map[*[]node]bool{}
		seenWords     = map[*string]bool{}
	)
	var walk func(ns []node)
	walk = func(ns []node) {
		nNodes += len(ns)
		for i := range ns {
			n := &ns[i]
			buf = append(buf, n.lit...)
			if len(n.words) > 0 && !seenWords[&n.words[0]] {
				seenWords[&n.words[0]] = true
				for _, w := range n.words {
					buf = append(buf, w...)
				}
			}
			if len(n.alts) == 0 || seen[&n.alts[0]] {
				continue
			}
			seen[&n.alts[0]] = true
			nAlts += len(n.alts)
			for _, a := range n.alts {
				walk(a)
			}
		}
	}
	for _, t := range tpls {
		walk(t)
	}
	lits, off := string(buf), 0
	nodes := make([]node, 0, nNodes)
	alts := make([][]node, 0, nAlts)
	done := map[*[]node][][]node{}
	doneWords := map[*string][]string{}
	var cp func(ns []node) []node
	cp = func(ns []node) []node {
		start := len(nodes)
		nodes = append(nodes, ns...) // within capacity: earlier copies stay valid
		out := nodes[start:len(nodes):len(nodes)]
		for i := range out {
			n := &out[i]
			if n.lit != "" {
				n.lit = lits[off : off+len(n.lit)]
				off += len(n.lit)
			}
			if len(n.words) > 0 {
				if ws, ok := doneWords[&n.words[0]]; ok {
					n.words = ws
				} else {
					ws := make([]string, len(n.words))
					for j, w := range n.words {
						ws[j] = lits[off : off+len(w)]
						off += len(w)
					}
					doneWords[&n.words[0]] = ws
					n.words = ws
				}
			}
			if len(n.alts) == 0 {
				continue
			}
			key := &n.alts[0]
			if as, ok := done[key]; ok {
				n.alts = as
				continue
			}
			as := alts[len(alts) : len(alts)+len(n.alts) : len(alts)+len(n.alts)]
			alts = alts[:len(alts)+len(n.alts)]
			for j, a := range n.alts {
				as[j] = cp(a)
			}
			done[key] = as
			n.alts = as
		}
		return out
	}
	out := make([][]node, len(tpls))
	for i, t := range tpls {
		out[i] = cp(t)
	}
	return out
}
