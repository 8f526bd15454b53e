package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"fimi/internal/ingest/fetch"
	"fimi/internal/store"
)

// Store is what the pipeline needs of a store.
type Store interface {
	PutItems(ctx context.Context, batch []store.Put) ([]store.Outcome, error)
}

// RunOptions configure Run. Formats is required; zero values elsewhere take defaults.
type RunOptions struct {
	Formats   []Format          // the registry, in sniffing order (package ingest/all)
	Format    string            // "auto" (default) or a format name
	Map       map[string]string // field -> column for JSONL and CSV
	Platform  string            // platform of records that name none
	MaxText   int               // bytes of title+text per item; default DefaultMaxText
	MaxRecord int               // bytes per source record; default 16 MiB
	Rejects   string            // rejects file (JSON Lines, appended); "" keeps no file
	Lang      LangDetector      // nil: no language detection
	Fetch     fetch.Options     // for http(s) inputs; Cache enables conditional GET
	BatchSize int               // records per transaction; default 4096
	Workers   int               // normalising goroutines; default GOMAXPROCS
	Progress  func(Progress)    // called after each stored batch, from one goroutine
	Stored    func()            // called after each batch is committed (detectors follow the store); must not block
	Stdin     io.Reader         // for the input "-"
	Logger    *slog.Logger
}

// Progress is reported after every stored batch.
type Progress struct {
	Input      string
	BytesRead  int64 // of the current input
	BytesTotal int64 // of the current input, 0 when unknown
	Summary
}

// Summary counts what one Run did.
type Summary struct {
	Inputs      int           `json:"inputs"`
	Failed      int           `json:"failed_inputs"`
	NotModified int           `json:"not_modified"`
	Read        int64         `json:"read"`
	Added       int64         `json:"stored"`
	Merged      int64         `json:"merged"`
	Unchanged   int64         `json:"unchanged"`
	Rejected    int64         `json:"rejected"`
	Skipped     int64         `json:"skipped"`
	Elapsed     time.Duration `json:"-"`
	Seconds     float64       `json:"seconds"`
	PerSecond   float64       `json:"items_per_second"`
	RejectsPath string        `json:"rejects_file,omitempty"`
	Errors      []string      `json:"errors,omitempty"`
}

// Input is one resolved input: a file, standard input or a URL.
type Input struct {
	Name string // path, "-" or URL
	URL  bool
}

// Expand resolves command-line arguments to inputs: "-" is standard input, http(s) URLs stay
// URLs, globs are expanded, directories are walked for files with a known extension (hidden
// files and rejects files skipped), in a stable order.
func Expand(args []string, formats []Format) ([]Input, error) {
	known := map[string]bool{".json": true, ".xml": true}
	for _, f := range formats {
		for _, e := range f.Exts {
			known[e] = true
		}
	}
	var out []Input
	for _, a := range args {
		switch {
		case a == "-":
			out = append(out, Input{Name: a})
			continue
		case strings.HasPrefix(a, "http://") || strings.HasPrefix(a, "https://"):
			out = append(out, Input{Name: a, URL: true})
			continue
		}
		paths := []string{a}
		if strings.ContainsAny(a, "*?[") {
			m, err := filepath.Glob(a)
			if err != nil {
				return nil, fmt.Errorf("input %s: %w", a, err)
			}
			if len(m) == 0 {
				return nil, fmt.Errorf("input %s: no files match", a)
			}
			paths = m
		}
		for _, p := range paths {
			fi, err := os.Stat(p)
			if err != nil {
				return nil, fmt.Errorf("input: %w", err)
			}
			if !fi.IsDir() {
				out = append(out, Input{Name: p})
				continue
			}
			var files []string
			err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				name := d.Name()
				if path != p && strings.HasPrefix(name, ".") {
					if d.IsDir() {
						return filepath.SkipDir
					}
					return nil
				}
				if d.IsDir() || strings.HasSuffix(name, ".rejects.jsonl") {
					return nil
				}
				if known[strings.ToLower(filepath.Ext(name))] {
					files = append(files, path)
				}
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("input %s: %w", p, err)
			}
			sort.Strings(files)
			for _, f := range files {
				out = append(out, Input{Name: f})
			}
		}
	}
	return out, nil
}

// batch is a unit of work passed from the reader through the workers to the writer in order.
type batch struct {
	input    string
	format   string
	recs     []Record
	puts     []store.Put // filled by a worker
	rejects  []reject    // filled by a worker
	done     chan struct{}
	err      error // fatal error of the input, after its last records
	skipped  int64
	notMod   bool
	bytes    int64
	total    int64
	inputEnd bool
}

type reject struct {
	line int
	err  error
	data []byte
}

// Run ingests every input into st. Bad records are rejected into opt.Rejects with file, line and
// reason while all good records land; an input that cannot be read or parsed at all is counted in
// Summary.Failed with its error in Summary.Errors. The returned error is for failures that stop
// the whole run (the store, the rejects file, a cancelled context).
func Run(ctx context.Context, st Store, inputs []Input, opt RunOptions) (Summary, error) {
	if opt.BatchSize <= 0 {
		opt.BatchSize = 4096
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	if opt.MaxRecord <= 0 {
		opt.MaxRecord = 16 << 20
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	if opt.Stdin == nil {
		opt.Stdin = os.Stdin
	}
	if opt.Format == "" {
		opt.Format = "auto"
	}
	start := time.Now()
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	work := make(chan *batch, opt.Workers)
	ordered := make(chan *batch, opt.Workers+2)
	var wg sync.WaitGroup
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for b := range work {
				prepareBatch(b, opt)
				close(b.done)
			}
		}()
	}
	go func() {
		defer close(ordered)
		defer close(work)
		for _, in := range inputs {
			if ctx.Err() != nil {
				return
			}
			readInput(ctx, in, opt, func(b *batch) bool {
				b.done = make(chan struct{})
				if b.recs != nil {
					select {
					case work <- b:
					case <-ctx.Done():
						return false
					}
				} else {
					close(b.done)
				}
				select {
				case ordered <- b:
					return true
				case <-ctx.Done():
					return false
				}
			})
		}
	}()

	sum := Summary{Inputs: len(inputs), RejectsPath: opt.Rejects}
	rw := NewRejectWriter(opt.Rejects)
	var runErr error
	for b := range ordered {
		<-b.done
		if runErr != nil {
			continue // drain
		}
		runErr = writeBatch(ctx, st, b, &sum, rw, opt)
		if runErr != nil {
			cancel()
		}
	}
	wg.Wait()
	if err := rw.Close(); err != nil && runErr == nil {
		runErr = err
	}
	sum.RejectsPath = rw.Path()
	sum.Elapsed = time.Since(start)
	sum.Seconds = sum.Elapsed.Seconds()
	if sum.Seconds > 0 {
		sum.PerSecond = float64(sum.Read-sum.Rejected) / sum.Seconds
	}
	if runErr == nil && ctx.Err() != nil {
		runErr = ctx.Err()
	}
	return sum, runErr
}

func writeBatch(ctx context.Context, st Store, b *batch, sum *Summary, rw *RejectWriter, opt RunOptions) error {
	sum.Read += int64(len(b.recs))
	sum.Skipped += b.skipped
	if b.notMod {
		sum.NotModified++
	}
	for _, r := range b.rejects {
		if err := rw.Reject(b.input, b.format, r.line, r.err, r.data); err != nil {
			return err
		}
		sum.Rejected++
	}
	if len(b.puts) > 0 {
		out, err := st.PutItems(ctx, b.puts)
		if err != nil {
			return fmt.Errorf("store %s: %w", b.input, err)
		}
		for _, o := range out {
			switch o {
			case store.Added:
				sum.Added++
			case store.Merged:
				sum.Merged++
			default:
				sum.Unchanged++
			}
		}
	}
	if len(b.puts) > 0 && opt.Stored != nil {
		opt.Stored()
	}
	if b.err != nil {
		sum.Failed++
		sum.Errors = append(sum.Errors, b.err.Error())
		opt.Logger.Error("input failed", "input", b.input, "err", b.err)
	}
	if opt.Progress != nil {
		p := Progress{Input: b.input, BytesRead: b.bytes, BytesTotal: b.total, Summary: *sum}
		p.Elapsed = time.Duration(0)
		opt.Progress(p)
	}
	return nil
}

// prepareBatch turns decoded records into puts and rejects (runs on a worker).
func prepareBatch(b *batch, opt RunOptions) {
	for i := range b.recs {
		r := &b.recs[i]
		err := r.Err
		if err == nil {
			err = Prepare(&r.Item, r.NoText, opt.MaxText, opt.Lang)
		}
		if err != nil {
			data := r.Verbatim
			if data == nil {
				data = r.Item.Raw
			}
			b.rejects = append(b.rejects, reject{line: r.Line, err: err, data: data})
			continue
		}
		origin := b.input
		if r.Line > 0 {
			origin = fmt.Sprintf("%s:%d", b.input, r.Line)
		}
		b.puts = append(b.puts, store.Put{Item: r.Item, Origin: origin, Format: b.format})
	}
}

// countingReader counts bytes read.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// readInput decodes one input and emits its records in batches; it emits a last batch with the
// input's fatal error, if any. emit returns false when the run is cancelled.
func readInput(ctx context.Context, in Input, opt RunOptions, emit func(*batch) bool) {
	fail := func(format string, err error) {
		emit(&batch{input: in.Name, format: format, err: err, inputEnd: true})
	}
	var (
		src     io.Reader
		total   int64
		dopt    = Options{Name: in.Name, Map: opt.Map, Platform: opt.Platform, MaxBytes: opt.MaxRecord}
		ctype   string
		closeFn = func() {}
	)
	switch {
	case in.URL:
		fo := opt.Fetch
		res, err := fetch.Get(ctx, in.Name, fo)
		if err != nil {
			fail("", err)
			return
		}
		if res.NotModified {
			emit(&batch{input: in.Name, notMod: true, inputEnd: true})
			return
		}
		src, total, ctype = bytes.NewReader(res.Body), int64(len(res.Body)), res.ContentType
		dopt.BaseURL, dopt.Fetched, dopt.ContentType = res.URL, res.Fetched, res.ContentType
	case in.Name == "-":
		src = opt.Stdin
	default:
		f, err := os.Open(in.Name)
		if err != nil {
			fail("", fmt.Errorf("open %s: %w", in.Name, err))
			return
		}
		closeFn = func() { f.Close() }
		if fi, err := f.Stat(); err == nil {
			total = fi.Size()
		}
		src = f
	}
	defer closeFn()
	cr := &countingReader{r: src}
	br := bufio.NewReaderSize(cr, 64<<10)
	head, _ := br.Peek(8 << 10)
	f, err := pickFormat(opt.Formats, opt.Format, in.Name, ctype, head)
	if err != nil {
		fail("", fmt.Errorf("%s: %w", in.Name, err))
		return
	}
	dec, err := f.Open(br, dopt)
	if err != nil {
		fail(f.Name, err)
		return
	}
	b := &batch{input: in.Name, format: f.Name, total: total}
	for {
		if ctx.Err() != nil {
			return
		}
		rec, err := dec.Next()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				b.err = fmt.Errorf("%s (%s): %w", in.Name, f.Name, err)
			}
			break
		}
		b.recs = append(b.recs, rec)
		if len(b.recs) >= opt.BatchSize {
			b.bytes = cr.n
			if !emit(b) {
				return
			}
			b = &batch{input: in.Name, format: f.Name, total: total}
		}
	}
	if s, ok := dec.(interface{ Skipped() int }); ok {
		b.skipped = int64(s.Skipped())
	}
	b.bytes, b.inputEnd = cr.n, true
	if b.recs == nil {
		b.recs = []Record{}
	}
	emit(b)
}

// pickFormat chooses the input's format: the one named, else by file extension, else by HTTP
// content type, else by sniffing the first bytes in registry order.
func pickFormat(formats []Format, name, path, ctype string, head []byte) (Format, error) {
	byName := func(n string) (Format, bool) {
		for _, f := range formats {
			if f.Name == n {
				return f, true
			}
		}
		return Format{}, false
	}
	if name != "" && name != "auto" {
		if f, ok := byName(name); ok {
			return f, nil
		}
		names := make([]string, len(formats))
		for i, f := range formats {
			names[i] = f.Name
		}
		return Format{}, fmt.Errorf("unknown format %q (known: auto, %s)", name, strings.Join(names, ", "))
	}
	if !strings.HasPrefix(path, "http://") && !strings.HasPrefix(path, "https://") {
		ext := strings.ToLower(filepath.Ext(path))
		for _, f := range formats {
			for _, e := range f.Exts {
				if e == ext && (f.Sniff == nil || f.Sniff(head) || len(head) == 0) {
					return f, nil
				}
			}
		}
	}
	if mt, _, err := mime.ParseMediaType(ctype); err == nil {
		want := map[string]string{
			"application/rss+xml": "rss", "application/atom+xml": "atom", "text/html": "html",
			"application/xhtml+xml": "html", "text/csv": "csv", "application/x-ndjson": "jsonl",
			"application/jsonl": "jsonl", "text/tab-separated-values": "csv",
		}[mt]
		if f, ok := byName(want); ok && (f.Sniff == nil || f.Sniff(head)) {
			return f, nil
		}
	}
	for _, f := range formats {
		if f.Sniff != nil && f.Sniff(head) {
			return f, nil
		}
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return Format{}, errors.New("empty input")
	}
	return Format{}, errors.New("cannot tell the format; name it with --format")
}
