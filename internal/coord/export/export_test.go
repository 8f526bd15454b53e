package export_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"fimi/internal/coord"
	"fimi/internal/coord/export"
)

// sample builds a small result with two networks, a self-loop, parallel edges of two kinds and
// awkward strings (XML specials, a control character, spaces, non-ASCII).
func sample(t *testing.T) *coord.Result {
	t.Helper()
	t0 := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	var posts []coord.Post
	add := func(sec int, account, share, link string) {
		p := coord.Post{Item: fmt.Sprintf("item-%d<&>", len(posts)), Account: account, Time: t0.Add(time.Duration(sec) * time.Second), Shares: share}
		if link != "" {
			p.URLs = []string{link}
		}
		posts = append(posts, p)
	}
	for round := range 4 {
		base := round * 3600
		for i, a := range []string{"alice & co", "bob <b>", "carol\x01", "dmitrij \"д\""} {
			add(base+i*5, a, fmt.Sprintf("s%d", round), "")
			add(base+i*5+1, a, "", fmt.Sprintf("https://x.example/%d?a=1&b=2", round))
		}
		for i, a := range []string{"e1", "e2", "e3"} {
			add(base+1000+i*3, a, fmt.Sprintf("t%d", round), "")
		}
		add(base+1010, "e1", fmt.Sprintf("t%d", round), "") // e1 repeats: a self-loop
	}
	o := coord.DefaultOptions()
	o.Kinds = []coord.Kind{coord.CoLink, coord.CoShare}
	o.SelfLoops = true
	i := 0
	r, err := coord.Build(o, func() (coord.Post, bool) {
		if i == len(posts) {
			return coord.Post{}, false
		}
		i++
		return posts[i-1], true
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Networks) != 2 || len(r.Actors) != 7 {
		t.Fatalf("sample: %d networks, %d actors", len(r.Networks), len(r.Actors))
	}
	return r
}

// element is a parsed XML element: name (namespace and local), attributes, children and text.
type element struct {
	Space, Local string
	Attr         map[string]string
	Children     []*element
	Text         string
}

// parse reads a well-formed XML document strictly (encoding/xml reports syntax errors,
// mismatched tags and bad entities) into a tree.
func parse(data []byte) (*element, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	var stack []*element
	var root *element
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("not well-formed XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			e := &element{Space: tk.Name.Space, Local: tk.Name.Local, Attr: map[string]string{}}
			for _, a := range tk.Attr {
				key := a.Name.Local
				switch a.Name.Space {
				case "":
				case "xmlns":
					key = "xmlns:" + a.Name.Local
				default:
					key = a.Name.Space + " " + a.Name.Local
				}
				if _, dup := e.Attr[key]; dup {
					return nil, fmt.Errorf("<%s> has attribute %s twice", e.Local, key)
				}
				e.Attr[key] = a.Value
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, errors.New("more than one root element")
				}
				root = e
			} else {
				p := stack[len(stack)-1]
				p.Children = append(p.Children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text += string(tk)
			} else if strings.TrimSpace(string(tk)) != "" {
				return nil, errors.New("text outside the root element")
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// checker collects schema violations.
type checker struct {
	errs []string
}

func (c *checker) errorf(format string, a ...any) { c.errs = append(c.errs, fmt.Sprintf(format, a...)) }

// children checks that e's children are in namespace ns, only of the allowed names, in the
// given order of groups (names listed in one group may interleave).
func (c *checker) children(e *element, ns string, order ...[]string) {
	pos := 0
	for _, ch := range e.Children {
		if ch.Space != ns {
			c.errorf("<%s> in namespace %q inside <%s>", ch.Local, ch.Space, e.Local)
			continue
		}
		found := -1
		for g := pos; g < len(order); g++ {
			for _, n := range order[g] {
				if n == ch.Local {
					found = g
				}
			}
			if found >= 0 {
				break
			}
		}
		if found < 0 {
			c.errorf("unexpected or misplaced <%s> inside <%s>", ch.Local, e.Local)
			continue
		}
		pos = found
	}
}

// attrs checks required and allowed attributes; allowed nil means any.
func (c *checker) attrs(e *element, required []string, allowed []string) {
	for _, r := range required {
		if _, ok := e.Attr[r]; !ok {
			c.errorf("<%s> lacks required attribute %s", e.Local, r)
		}
	}
	if allowed == nil {
		return
	}
	for a := range e.Attr {
		if strings.HasPrefix(a, "xmlns") || strings.HasPrefix(a, "http://www.w3.org/2001/XMLSchema-instance ") {
			continue
		}
		ok := false
		for _, x := range append(required, allowed...) {
			ok = ok || x == a
		}
		if !ok {
			c.errorf("<%s> has attribute %s the schema does not allow", e.Local, a)
		}
	}
}

func (c *checker) enum(e *element, attr string, values ...string) {
	v, ok := e.Attr[attr]
	if !ok {
		return
	}
	for _, x := range values {
		if v == x {
			return
		}
	}
	c.errorf("<%s %s=%q>: want one of %v", e.Local, attr, v, values)
}

func (c *checker) value(where, typ, v string) {
	var err error
	switch typ {
	case "int", "integer", "long":
		_, err = strconv.ParseInt(v, 10, 64)
	case "double", "float":
		_, err = strconv.ParseFloat(v, 64)
	case "boolean":
		_, err = strconv.ParseBool(v)
	case "string":
	default:
		err = fmt.Errorf("unknown type %s", typ)
	}
	if err != nil {
		c.errorf("%s: value %q is not a valid %s: %v", where, v, typ, err)
	}
}

// validateGraphML checks the GraphML 1.0 structure (graphml.xsd): the root and namespace; key
// declarations (unique ids, for and attr.type from the schema's enumerations); one graph with
// edgedefault; node ids unique; edge endpoints existing nodes; every data element referring to
// a declared key for its element kind, with a value of the declared type.
func validateGraphML(data []byte) (nodes, edges int, errs []string) {
	c := &checker{}
	defer func() { errs = c.errs }()
	root, err := parse(data)
	if err != nil {
		c.errorf("%v", err)
		return
	}
	if root.Local != "graphml" || root.Space != export.GraphMLNS {
		c.errorf("root <%s> in %q, want graphml in %s", root.Local, root.Space, export.GraphMLNS)
		return
	}
	c.children(root, export.GraphMLNS, []string{"desc"}, []string{"key"}, []string{"graph", "data"})
	type key struct{ for_, typ string }
	keys := map[string]key{}
	var graphs []*element
	for _, ch := range root.Children {
		switch ch.Local {
		case "key":
			c.attrs(ch, []string{"id"}, []string{"for", "attr.name", "attr.type"})
			c.enum(ch, "for", "all", "graph", "node", "edge", "hyperedge", "port", "endpoint", "graphml")
			c.enum(ch, "attr.type", "boolean", "int", "long", "float", "double", "string")
			if _, dup := keys[ch.Attr["id"]]; dup {
				c.errorf("duplicate key id %q", ch.Attr["id"])
			}
			keys[ch.Attr["id"]] = key{ch.Attr["for"], ch.Attr["attr.type"]}
		case "graph":
			graphs = append(graphs, ch)
		}
	}
	if len(graphs) != 1 {
		c.errorf("%d graphs, want 1", len(graphs))
		return
	}
	g := graphs[0]
	c.attrs(g, []string{"edgedefault"}, []string{"id", "parse.nodeids", "parse.edgeids", "parse.order", "parse.nodes", "parse.edges", "parse.maxindegree", "parse.maxoutdegree"})
	c.enum(g, "edgedefault", "directed", "undirected")
	c.children(g, export.GraphMLNS, []string{"desc"}, []string{"data", "node", "edge", "hyperedge"})
	dataOf := func(owner *element, kind string) {
		for _, d := range owner.Children {
			if d.Local != "data" {
				continue
			}
			c.attrs(d, []string{"key"}, []string{"id"})
			k, ok := keys[d.Attr["key"]]
			if !ok {
				c.errorf("<data key=%q> refers to no key", d.Attr["key"])
				continue
			}
			if k.for_ != "" && k.for_ != "all" && k.for_ != kind {
				c.errorf("<data key=%q> on a %s, but the key is for %s", d.Attr["key"], kind, k.for_)
			}
			if k.typ != "" {
				c.value(fmt.Sprintf("%s data %s", kind, d.Attr["key"]), k.typ, d.Text)
			}
		}
	}
	ids := map[string]bool{}
	for _, n := range g.Children {
		if n.Local != "node" {
			continue
		}
		nodes++
		c.attrs(n, []string{"id"}, []string{})
		c.children(n, export.GraphMLNS, []string{"desc"}, []string{"data", "port"}, []string{"graph", "locator"})
		if ids[n.Attr["id"]] {
			c.errorf("duplicate node id %q", n.Attr["id"])
		}
		ids[n.Attr["id"]] = true
		dataOf(n, "node")
	}
	edgeIDs := map[string]bool{}
	for _, e := range g.Children {
		if e.Local != "edge" {
			continue
		}
		edges++
		c.attrs(e, []string{"source", "target"}, []string{"id", "directed", "sourceport", "targetport"})
		c.children(e, export.GraphMLNS, []string{"desc"}, []string{"data"}, []string{"graph"})
		for _, end := range []string{"source", "target"} {
			if !ids[e.Attr[end]] {
				c.errorf("edge %s %q is not a node", end, e.Attr[end])
			}
		}
		if id, ok := e.Attr["id"]; ok {
			if edgeIDs[id] || ids[id] {
				c.errorf("duplicate edge id %q", id)
			}
			edgeIDs[id] = true
		}
		dataOf(e, "edge")
	}
	return nodes, edges, c.errs
}

var xsdDate = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// validateGEXF checks the GEXF 1.3 structure (gexf.rnc / gexf.xsd of gephi/gexf): the root in
// the 1.3 namespace with version="1.3"; meta (lastmodifieddate an xsd:date) before graph;
// graph attributes from their enumerations; attributes blocks (class, mode) declaring ids with
// types from the schema's list; nodes then edges; node ids unique; edge source and target
// existing nodes, weight a double, kind a token; attvalues referring to declared attributes of
// the right class with values of the declared type; the count attributes right.
func validateGEXF(data []byte) (nodes, edges int, errs []string) {
	c := &checker{}
	defer func() { errs = c.errs }()
	root, err := parse(data)
	if err != nil {
		c.errorf("%v", err)
		return
	}
	if root.Local != "gexf" || root.Space != export.GEXFNS {
		c.errorf("root <%s> in %q, want gexf in %s", root.Local, root.Space, export.GEXFNS)
		return
	}
	c.attrs(root, []string{"version"}, []string{"variant"})
	c.enum(root, "version", "1.3")
	c.children(root, export.GEXFNS, []string{"meta"}, []string{"graph"})
	var graph *element
	for _, ch := range root.Children {
		switch ch.Local {
		case "meta":
			c.attrs(ch, nil, []string{"lastmodifieddate"})
			if d, ok := ch.Attr["lastmodifieddate"]; ok && !xsdDate.MatchString(d) {
				c.errorf("lastmodifieddate %q is not an xsd:date", d)
			}
			c.children(ch, export.GEXFNS, []string{"creator", "keywords", "description"})
		case "graph":
			if graph != nil {
				c.errorf("two graphs")
			}
			graph = ch
		}
	}
	if graph == nil {
		c.errorf("no graph")
		return
	}
	c.attrs(graph, nil, []string{"defaultedgetype", "idtype", "mode", "timeformat", "start", "end", "timestamp", "timerepresentation", "timezone"})
	c.enum(graph, "defaultedgetype", "directed", "undirected", "mutual")
	c.enum(graph, "idtype", "integer", "string")
	c.enum(graph, "mode", "static", "dynamic", "slice")
	c.children(graph, export.GEXFNS, []string{"attributes"}, []string{"nodes"}, []string{"edges"})
	types := []string{"integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger", "byte", "char", "short",
		"liststring", "listboolean", "listinteger", "listlong", "listfloat", "listdouble", "listbyte", "listshort",
		"listbigdecimal", "listbiginteger", "listchar", "string", "anyURI"}
	declared := map[string]map[string]string{"node": {}, "edge": {}}
	var nodesEl, edgesEl *element
	for _, ch := range graph.Children {
		switch ch.Local {
		case "attributes":
			c.attrs(ch, []string{"class"}, []string{"mode", "start", "end"})
			c.enum(ch, "class", "node", "edge")
			c.enum(ch, "mode", "static", "dynamic")
			for _, a := range ch.Children {
				if a.Local != "attribute" {
					c.errorf("<%s> inside <attributes>", a.Local)
					continue
				}
				c.attrs(a, []string{"id", "title", "type"}, []string{})
				c.enum(a, "type", types...)
				m := declared[ch.Attr["class"]]
				if m == nil {
					continue
				}
				if _, dup := m[a.Attr["id"]]; dup {
					c.errorf("duplicate %s attribute id %q", ch.Attr["class"], a.Attr["id"])
				}
				m[a.Attr["id"]] = a.Attr["type"]
			}
		case "nodes":
			nodesEl = ch
		case "edges":
			edgesEl = ch
		}
	}
	if nodesEl == nil || edgesEl == nil {
		c.errorf("graph needs <nodes> and <edges>")
		return
	}
	attvalues := func(owner *element, class string) {
		for _, av := range owner.Children {
			if av.Local != "attvalues" {
				continue
			}
			for _, v := range av.Children {
				if v.Local != "attvalue" {
					c.errorf("<%s> inside <attvalues>", v.Local)
					continue
				}
				c.attrs(v, []string{"for", "value"}, []string{"start", "end", "timestamp"})
				typ, ok := declared[class][v.Attr["for"]]
				if !ok {
					c.errorf("%s attvalue for %q: no such %s attribute", class, v.Attr["for"], class)
					continue
				}
				c.value(class+" attvalue "+v.Attr["for"], typ, v.Attr["value"])
			}
		}
	}
	ids := map[string]bool{}
	c.attrs(nodesEl, nil, []string{"count"})
	for _, n := range nodesEl.Children {
		if n.Local != "node" {
			c.errorf("<%s> inside <nodes>", n.Local)
			continue
		}
		nodes++
		c.attrs(n, []string{"id"}, []string{"label", "pid", "start", "end", "intervals", "timestamp", "timestamps"})
		c.children(n, export.GEXFNS, []string{"attvalues", "spells", "nodes", "edges", "parents"})
		if l, ok := n.Attr["label"]; ok && l != strings.Join(strings.Fields(l), " ") {
			c.errorf("node label %q is not an xsd:token", l)
		}
		if ids[n.Attr["id"]] {
			c.errorf("duplicate node id %q", n.Attr["id"])
		}
		ids[n.Attr["id"]] = true
		attvalues(n, "node")
	}
	if cnt, ok := nodesEl.Attr["count"]; ok && cnt != strconv.Itoa(nodes) {
		c.errorf("nodes count=%s, but %d nodes", cnt, nodes)
	}
	c.attrs(edgesEl, nil, []string{"count"})
	edgeIDs := map[string]bool{}
	for _, e := range edgesEl.Children {
		if e.Local != "edge" {
			c.errorf("<%s> inside <edges>", e.Local)
			continue
		}
		edges++
		c.attrs(e, []string{"source", "target"}, []string{"id", "type", "label", "weight", "kind", "start", "end", "intervals", "timestamp", "timestamps"})
		c.enum(e, "type", "directed", "undirected", "mutual")
		c.children(e, export.GEXFNS, []string{"attvalues", "spells"})
		for _, end := range []string{"source", "target"} {
			if !ids[e.Attr[end]] {
				c.errorf("edge %s %q is not a node", end, e.Attr[end])
			}
		}
		if w, ok := e.Attr["weight"]; ok {
			c.value("edge weight", "double", w)
		}
		if k, ok := e.Attr["kind"]; ok && (k == "" || k != strings.Join(strings.Fields(k), " ")) {
			c.errorf("edge kind %q is not an xsd:token", k)
		}
		if id, ok := e.Attr["id"]; ok {
			if edgeIDs[id] {
				c.errorf("duplicate edge id %q", id)
			}
			edgeIDs[id] = true
		}
		attvalues(e, "edge")
	}
	if cnt, ok := edgesEl.Attr["count"]; ok && cnt != strconv.Itoa(edges) {
		c.errorf("edges count=%s, but %d edges", cnt, edges)
	}
	return nodes, edges, c.errs
}

func TestGraphMLValid(t *testing.T) {
	r := sample(t)
	var buf bytes.Buffer
	if err := export.WriteGraphML(&buf, r); err != nil {
		t.Fatal(err)
	}
	n, e, errs := validateGraphML(buf.Bytes())
	for _, err := range errs {
		t.Error(err)
	}
	if n != len(r.Actors) || e != len(r.Edges) {
		t.Errorf("%d nodes, %d edges; want %d and %d", n, e, len(r.Actors), len(r.Edges))
	}
	if bytes.ContainsRune(buf.Bytes(), 0x01) {
		t.Error("control character written")
	}
	// The awkward names survive the round trip (escaped, not mangled).
	root, err := parse(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, g := range root.Children {
		for _, n := range g.Children {
			for _, d := range n.Children {
				if d.Local == "data" && d.Attr["key"] == "label" {
					names[d.Text] = true
				}
			}
		}
	}
	for _, want := range []string{"alice & co", "bob <b>", "carol", `dmitrij "д"`} {
		if !names[want] {
			t.Errorf("label %q missing from %v", want, names)
		}
	}
}

func TestGEXFValid(t *testing.T) {
	r := sample(t)
	var buf bytes.Buffer
	if err := export.WriteGEXF(&buf, r); err != nil {
		t.Fatal(err)
	}
	n, e, errs := validateGEXF(buf.Bytes())
	for _, err := range errs {
		t.Error(err)
	}
	if n != len(r.Actors) || e != len(r.Edges) {
		t.Errorf("%d nodes, %d edges; want %d and %d", n, e, len(r.Actors), len(r.Edges))
	}
	if !bytes.Contains(buf.Bytes(), []byte(`kind="co-share"`)) || !bytes.Contains(buf.Bytes(), []byte(`kind="co-link"`)) {
		t.Error("parallel edges of both kinds expected")
	}
}

// TestValidatorsCatchErrors makes sure the structural checks fail on broken documents.
func TestValidatorsCatchErrors(t *testing.T) {
	bad := []struct {
		name, doc string
		gexf      bool
	}{
		{"graphml dangling edge", `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected"><node id="a"/><edge source="a" target="b"/></graph></graphml>`, false},
		{"graphml duplicate node", `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected"><node id="a"/><node id="a"/></graph></graphml>`, false},
		{"graphml undeclared key", `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="undirected"><node id="a"><data key="x">1</data></node></graph></graphml>`, false},
		{"graphml bad int", `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="k" for="node" attr.type="int"/><graph edgedefault="undirected"><node id="a"><data key="k">1.5</data></node></graph></graphml>`, false},
		{"graphml no edgedefault", `<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"/></graph></graphml>`, false},
		{"gexf wrong version", `<gexf xmlns="http://gexf.net/1.3" version="1.2"><graph><nodes/><edges/></graph></gexf>`, true},
		{"gexf dangling edge", `<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a"/></nodes><edges><edge source="a" target="z"/></edges></graph></gexf>`, true},
		{"gexf bad attr type", `<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><attributes class="node"><attribute id="0" title="x" type="int"/></attributes><nodes/><edges/></graph></gexf>`, true},
		{"gexf edges before nodes", `<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><edges/><nodes/></graph></gexf>`, true},
		{"gexf wrong count", `<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes count="2"><node id="a"/></nodes><edges/></graph></gexf>`, true},
		{"gexf bad weight", `<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes><node id="a"/></nodes><edges><edge source="a" target="a" weight="x"/></edges></graph></gexf>`, true},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			var errs []string
			if tt.gexf {
				_, _, errs = validateGEXF([]byte(tt.doc))
			} else {
				_, _, errs = validateGraphML([]byte(tt.doc))
			}
			if len(errs) == 0 {
				t.Errorf("validator accepted %s", tt.doc)
			}
		})
	}
}

func TestEdgesCSV(t *testing.T) {
	r := sample(t)
	var buf bytes.Buffer
	if err := export.WriteEdgesCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(r.Edges)+1 || rows[0][0] != "a" || rows[0][4] != "kind" {
		t.Fatalf("rows %d, header %v", len(rows), rows[0])
	}
	for _, row := range rows[1:] {
		if len(row) != len(rows[0]) {
			t.Fatalf("ragged row %v", row)
		}
		if _, err := strconv.ParseFloat(row[5], 64); err != nil {
			t.Errorf("weight %q", row[5])
		}
	}
	buf.Reset()
	if err := export.WriteActorsCSV(&buf, r); err != nil {
		t.Fatal(err)
	}
	if rows, err := csv.NewReader(&buf).ReadAll(); err != nil || len(rows) != len(r.Actors)+1 {
		t.Errorf("actors csv: %d rows, %v", len(rows), err)
	}
}

func TestJSONRoundTrip(t *testing.T) {
	r := sample(t)
	var buf bytes.Buffer
	if err := export.Write(&buf, "json", r); err != nil {
		t.Fatal(err)
	}
	var back struct {
		Edges []struct {
			Kind string  `json:"kind"`
			A    string  `json:"a"`
			B    string  `json:"b"`
			W    float64 `json:"weight"`
		} `json:"edges"`
		Networks []struct {
			ID      string   `json:"id"`
			Members []string `json:"members"`
		} `json:"networks"`
	}
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if len(back.Edges) != len(r.Edges) || len(back.Networks) != 2 || back.Edges[0].Kind == "" {
		t.Errorf("round trip: %+v", back)
	}
	if err := export.Write(&buf, "dot", r); !errors.Is(err, export.ErrFormat) {
		t.Errorf("unknown format: %v", err)
	}
	if export.FormatForFile("net.GEXF") != "gexf" || export.FormatForFile("x") != "" {
		t.Error("FormatForFile")
	}
}
