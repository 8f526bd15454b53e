package gen

import (
	"fmt"
	"strconv"
	"strings"
)

// A template is a sentence with choice points, parsed once from the embedded library:
//
//	{a|b|c}    one of the alternatives (they may nest and hold slots)
//	[city]     a word from the vocabulary list "city" of the template's language (or of "*")
//	[n:3-40]   an integer in [3, 40]
//
// Rendering is stateless: every choice point has a key, and the choice is a hash of the render
// seed and that key. Copies render with the same seed (identical text), rewordings with the same
// seed plus a variation seed that flips most alternatives (same facts, different words), and
// translations with the same seed in another language (slots are keyed by name and occurrence, so
// the numbers agree across languages).
type node struct {
	kind  uint8
	lit   string
	alts  [][]node
	words []string
	lo    int
	hi    int
	key   uint64
}

const (
	nodeLit uint8 = iota
	nodeAlt
	nodeWord
	nodeNum
)

type tmplParser struct {
	src    string
	pos    int
	alts   int
	slots  map[string]int
	lookup func(name string) ([]string, bool)
}

// parseTemplate parses one template; lookup resolves vocabulary slots.
func parseTemplate(s string, lookup func(name string) ([]string, bool)) ([]node, error) {
	p := &tmplParser{src: s, slots: map[string]int{}, lookup: lookup}
	ns, end, err := p.seq(false)
	if err != nil {
		return nil, err
	}
	if end != 0 {
		return nil, fmt.Errorf("template %q: unexpected %q at %d", s, end, p.pos-1)
	}
	return ns, nil
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
			ns = append(ns, node{kind: nodeAlt, alts: alts, key: key})
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
	base := name
	if i := strings.IndexByte(name, ':'); i >= 0 {
		base = name[:i]
	}
	occ := p.slots[base]
	p.slots[base] = occ + 1
	key := strHash(base) ^ uint64(occ+1)*0x51_7cc1_b727_220a
	if base == "n" {
		lo, hi, ok := strings.Cut(name[2:], "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := strconv.Atoi(hi)
		if !ok || err1 != nil || err2 != nil || b < a {
			return node{}, fmt.Errorf("template %q: bad number slot [%s]", p.src, name)
		}
		return node{kind: nodeNum, lo: a, hi: b, key: key}, nil
	}
	words, ok := p.lookup(name)
	if !ok || len(words) == 0 {
		return node{}, fmt.Errorf("template %q: unknown vocabulary [%s]", p.src, name)
	}
	return node{kind: nodeWord, words: words, key: key}, nil
}

// chooser renders templates. seed fixes every choice; when vseed is non-zero, each alternative
// group switches to a different alternative with probability vp/2^64 (a rewording).
type chooser struct {
	seed  uint64
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

func (c chooser) render(dst []byte, ns []node) []byte {
	for i := range ns {
		n := &ns[i]
		switch n.kind {
		case nodeLit:
			dst = append(dst, n.lit...)
		case nodeAlt:
			dst = c.render(dst, n.alts[c.pick(n.key, len(n.alts))])
		case nodeWord:
			k := mix(c.seed^n.key) % uint64(len(n.words))
			if c.first {
				k = 0
			}
			dst = append(dst, n.words[k]...)
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
