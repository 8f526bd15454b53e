package coord

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"time"
)

// WindowEstimate is a coordination window estimated from the data by EstimateWindow.
type WindowEstimate struct {
	Window time.Duration `json:"-"`
	// Seconds is Window in seconds.
	Seconds float64 `json:"window_s"`
	Kind    Kind    `json:"kind"`
	Q       float64 `json:"q"`
	P       float64 `json:"p"`
	// Keys is the number of keys shared at least twice that were looked at; Quick the number
	// among them in the quickest q; Sampled the fraction of keys sampled (1: all).
	Keys    int     `json:"keys"`
	Quick   int     `json:"quick"`
	Sampled float64 `json:"sampled"`
	// Summary of the quick keys' times to pass p of their shares, in seconds.
	Min    float64 `json:"min_s"`
	Median float64 `json:"median_s"`
	Mean   float64 `json:"mean_s"`
	Max    float64 `json:"max_s"`
}

// ErrNoEstimate is returned when no key was shared twice.
var ErrNoEstimate = errors.New("coord: too few repeated keys to estimate a window")

// Estimator estimates the coordination window in the manner of CooRnet's
// estimate_coord_interval (Giglietto et al.): among keys shared at least twice, take the
// quickest q by the time between their first and second share; for each, the time from the
// first share until more than p of the key's shares have happened; the window is the p-quantile
// of those times (R's default quantile, type 7), and 1 s when that is 0. The defaults are
// q = 0.1 and p = 0.5.
//
// To stay within bounded memory on large inputs the estimator keeps the share times of a
// deterministic sample of keys (by hash): when more than MaxTimes times are held, the sampling
// rate halves. Sampling keys (not shares) keeps each sampled key's spread exact. Posts must
// come in time order. An Estimator is not safe for concurrent use.
type Estimator struct {
	Kind     Kind
	Q, P     float64
	MaxTimes int // share times held at most (4M when zero)

	keyer
	keys  map[string]*keyTimes
	held  int
	shift uint // sampling: a key is kept when the top shift bits of its hash are zero
	buf   []string
}

type keyTimes struct {
	h  uint64
	ts []int64
}

// NewEstimator returns an estimator for kind with the defaults q = 0.1 and p = 0.5 (zero
// values take the defaults). opt supplies the key rules (Reposts, hashtag thresholds).
func NewEstimator(kind Kind, q, p float64, opt Options) (*Estimator, error) {
	if q == 0 {
		q = 0.1
	}
	if p == 0 {
		p = 0.5
	}
	if q < 0 || q > 1 || p < 0 || p > 1 {
		return nil, fmt.Errorf("%w: q %v and p %v must lie in [0, 1]", ErrOptions, q, p)
	}
	opt, err := opt.resolve()
	if err != nil {
		return nil, err
	}
	return &Estimator{Kind: kind, Q: q, P: p, keyer: newKeyer(opt), keys: map[string]*keyTimes{}}, nil
}

// keep reports whether a key hash is in the sample: its top shift bits are zero.
func (e *Estimator) keep(h uint64) bool { return e.shift == 0 || h>>(64-e.shift) == 0 }

// Add adds a post.
func (e *Estimator) Add(p Post) {
	if e.Kind == CoHashtag {
		e.tags.count(p.Hashtags)
	}
	e.buf = e.appendKeys(e.buf[:0], e.Kind, &p)
	t := p.Time.UnixNano()
	for _, k := range e.buf {
		kt := e.keys[k]
		if kt == nil {
			f := fnv.New64a()
			f.Write([]byte(k))
			h := f.Sum64()
			if !e.keep(h) {
				continue
			}
			kt = &keyTimes{h: h}
			e.keys[k] = kt
		}
		kt.ts = append(kt.ts, t)
		e.held++
	}
	maxTimes := e.MaxTimes
	if maxTimes <= 0 {
		maxTimes = 4 << 20
	}
	for e.held > maxTimes && e.shift < 63 {
		e.shift++
		for k, kt := range e.keys {
			if !e.keep(kt.h) {
				e.held -= len(kt.ts)
				delete(e.keys, k)
			}
		}
	}
}

// Estimate returns the window for the posts added so far.
func (e *Estimator) Estimate() (WindowEstimate, error) {
	est := WindowEstimate{Kind: e.Kind, Q: e.Q, P: e.P, Sampled: math.Ldexp(1, -int(e.shift))}
	var second []float64
	var repeated []*keyTimes
	for _, kt := range e.keys {
		if len(kt.ts) < 2 {
			continue
		}
		repeated = append(repeated, kt)
		second = append(second, float64(kt.ts[1]-kt.ts[0])/1e9)
	}
	est.Keys = len(repeated)
	if len(repeated) == 0 {
		return est, ErrNoEstimate
	}
	sorted := slices.Clone(second)
	slices.Sort(sorted)
	cut := quantile7(sorted, e.Q)
	var reach []float64
	for i, kt := range repeated {
		if second[i] > cut {
			continue
		}
		// The first share whose rank/count exceeds p (ranks from 1).
		n := len(kt.ts)
		r := int(math.Floor(e.P*float64(n))) + 1
		for r <= n && float64(r)/float64(n) <= e.P {
			r++
		}
		r = min(r, n)
		reach = append(reach, float64(kt.ts[r-1]-kt.ts[0])/1e9)
	}
	est.Quick = len(reach)
	slices.Sort(reach)
	sec := quantile7(reach, e.P)
	if sec == 0 {
		sec = 1
	}
	est.Seconds = sec
	est.Window = time.Duration(sec * 1e9)
	est.Min, est.Max = reach[0], reach[len(reach)-1]
	est.Median = quantile7(reach, 0.5)
	for _, x := range reach {
		est.Mean += x / float64(len(reach))
	}
	return est, nil
}

// EstimateWindow runs an Estimator over the posts next returns.
func EstimateWindow(kind Kind, q, p float64, opt Options, next func() (Post, bool)) (WindowEstimate, error) {
	e, err := NewEstimator(kind, q, p, opt)
	if err != nil {
		return WindowEstimate{}, err
	}
	for {
		post, ok := next()
		if !ok {
			break
		}
		e.Add(post)
	}
	return e.Estimate()
}

// quantile7 is R's default quantile (type 7) of sorted x.
func quantile7(x []float64, q float64) float64 {
	if len(x) == 0 {
		return 0
	}
	h := float64(len(x)-1) * q
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(x) {
		return x[len(x)-1]
	}
	return x[i] + (h-lo)*(x[i+1]-x[i])
}

// Source opens one pass over the posts in time order; Detect may open it twice.
type Source func() (next func() (Post, bool), err error)

// Detect builds the network over the posts of src. With auto true it first estimates a window
// per kind from the data (Estimator with q and p, zero meaning 0.1 and 0.5), sets them as
// opt.KindWindow, and then builds: two passes over src. A kind without enough repeated keys to
// estimate keeps opt's window. It returns the estimates it used, by kind.
func Detect(opt Options, auto bool, q, p float64, src Source) (*Result, map[Kind]WindowEstimate, error) {
	var ests map[Kind]WindowEstimate
	if auto {
		r, err := opt.resolve()
		if err != nil {
			return nil, nil, err
		}
		es := make([]*Estimator, len(r.Kinds))
		for i, k := range r.Kinds {
			if es[i], err = NewEstimator(k, q, p, r); err != nil {
				return nil, nil, err
			}
		}
		next, err := src()
		if err != nil {
			return nil, nil, err
		}
		for {
			post, ok := next()
			if !ok {
				break
			}
			for _, e := range es {
				e.Add(post)
			}
		}
		ests = map[Kind]WindowEstimate{}
		kw := map[Kind]time.Duration{}
		for k, w := range opt.KindWindow {
			kw[k] = w
		}
		for _, e := range es {
			est, err := e.Estimate()
			if errors.Is(err, ErrNoEstimate) {
				continue
			}
			if err != nil {
				return nil, nil, err
			}
			ests[e.Kind] = est
			kw[e.Kind] = est.Window
		}
		opt.KindWindow = kw
	}
	next, err := src()
	if err != nil {
		return nil, ests, err
	}
	r, err := Build(opt, next)
	return r, ests, err
}
