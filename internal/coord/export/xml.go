package export

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"fimi/internal/coord"
)

// GraphML and GEXF namespaces and schema locations.
const (
	GraphMLNS     = "http://graphml.graphdrawing.org/xmlns"
	graphMLSchema = "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
	GEXFNS        = "http://gexf.net/1.3"
	gexfSchema    = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
	xsiNS         = "http://www.w3.org/2001/XMLSchema-instance"
)

// xmlWriter streams elements with an xml.Encoder and keeps the first error.
type xmlWriter struct {
	bw  *bufio.Writer
	enc *xml.Encoder
	err error
}

func newXMLWriter(w io.Writer) *xmlWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	x := &xmlWriter{bw: bw, enc: xml.NewEncoder(bw)}
	x.enc.Indent("", " ")
	_, x.err = bw.WriteString(xml.Header)
	return x
}

func (x *xmlWriter) start(name string, attrs ...string) {
	if x.err != nil {
		return
	}
	se := xml.StartElement{Name: xml.Name{Local: name}}
	for i := 0; i+1 < len(attrs); i += 2 {
		se.Attr = append(se.Attr, xml.Attr{Name: xml.Name{Local: attrs[i]}, Value: cleanXML(attrs[i+1])})
	}
	x.err = x.enc.EncodeToken(se)
}

func (x *xmlWriter) end(name string) {
	if x.err == nil {
		x.err = x.enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: name}})
	}
}

func (x *xmlWriter) text(s string) {
	if x.err == nil && s != "" {
		x.err = x.enc.EncodeToken(xml.CharData(cleanXML(s)))
	}
}

// leaf writes <name attrs...>text</name>.
func (x *xmlWriter) leaf(name, text string, attrs ...string) {
	x.start(name, attrs...)
	x.text(text)
	x.end(name)
}

func (x *xmlWriter) close() error {
	if x.err == nil {
		x.err = x.enc.Flush()
	}
	if x.err == nil {
		_, x.err = x.bw.WriteString("\n")
	}
	if x.err == nil {
		x.err = x.bw.Flush()
	}
	return x.err
}

// cleanXML drops characters XML 1.0 cannot carry (control characters other than tab, newline
// and carriage return, U+FFFE, U+FFFF); encoding/xml would otherwise write them as U+FFFD.
func cleanXML(s string) string {
	ok := true
	for _, r := range s {
		if !isXMLChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isXMLChar(r) {
			return r
		}
		return -1
	}, s)
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// token collapses whitespace as xsd:token requires (GEXF labels and edge kinds).
func token(s string) string { return strings.Join(strings.Fields(s), " ") }

// WriteGraphML writes r as GraphML 1.0: an undirected graph whose nodes are the actors (id
// "n<i>", label = name) and whose edges are the kept edges, one per kind, with the attributes
// declared as <key> elements (types int, double, string).
func WriteGraphML(w io.Writer, r *coord.Result) error {
	x := newXMLWriter(w)
	x.start("graphml", "xmlns", GraphMLNS, "xmlns:xsi", xsiNS, "xsi:schemaLocation", graphMLSchema)
	x.leaf("key", "", "id", "label", "for", "node", "attr.name", "label", "attr.type", "string")
	for i, a := range nodeAttrs {
		x.leaf("key", "", "id", fmt.Sprintf("v%d", i), "for", "node", "attr.name", a.name, "attr.type", a.typ)
	}
	for i, a := range edgeAttrs {
		x.leaf("key", "", "id", fmt.Sprintf("e%d", i), "for", "edge", "attr.name", a.name, "attr.type", a.typ)
	}
	x.start("graph", "id", "coordination", "edgedefault", "undirected")
	ns, idx := nodes(r)
	for i := range ns {
		n := &ns[i]
		x.start("node", "id", fmt.Sprintf("n%d", i))
		x.leaf("data", n.Name, "key", "label")
		for j, a := range nodeAttrs {
			x.leaf("data", a.get(n), "key", fmt.Sprintf("v%d", j))
		}
		x.end("node")
	}
	for i := range r.Edges {
		e := &r.Edges[i]
		a, b, ok := endpoints(idx, e)
		if !ok {
			continue
		}
		x.start("edge", "id", fmt.Sprintf("e%d", i), "source", fmt.Sprintf("n%d", a), "target", fmt.Sprintf("n%d", b))
		for j, at := range edgeAttrs {
			x.leaf("data", at.get(e), "key", fmt.Sprintf("e%d", j))
		}
		x.end("edge")
	}
	x.end("graph")
	x.end("graphml")
	return x.close()
}

// gexfType maps attribute types onto GEXF 1.3 attribute types.
func gexfType(t string) string {
	if t == "int" {
		return "integer"
	}
	return t
}

// WriteGEXF writes r as GEXF 1.3 for Gephi: a static undirected graph with node and edge
// attribute declarations, nodes with id "n<i>" and label = name, and edges with weight and kind
// (co-link, co-share, ...), so parallel edges of different kinds stay apart. The meta date is the
// watermark of the result (the newest post), which keeps the output deterministic.
func WriteGEXF(w io.Writer, r *coord.Result) error {
	x := newXMLWriter(w)
	x.start("gexf", "xmlns", GEXFNS, "xmlns:xsi", xsiNS, "xsi:schemaLocation", gexfSchema, "version", "1.3")
	var metaAttrs []string
	if !r.Stats.Watermark.IsZero() {
		metaAttrs = []string{"lastmodifieddate", r.Stats.Watermark.UTC().Format("2006-01-02")}
	}
	x.start("meta", metaAttrs...)
	x.leaf("creator", "fimi")
	x.leaf("description", fmt.Sprintf("coordination network: %s, window %s, min weight %d, weight %s",
		kindList(r.Options.Kinds), r.Options.Window, r.Options.MinWeight, r.Options.Weight))
	x.end("meta")
	x.start("graph", "defaultedgetype", "undirected", "mode", "static")
	x.start("attributes", "class", "node", "mode", "static")
	for i, a := range nodeAttrs {
		x.leaf("attribute", "", "id", fmt.Sprintf("v%d", i), "title", a.name, "type", gexfType(a.typ))
	}
	x.end("attributes")
	x.start("attributes", "class", "edge", "mode", "static")
	for i, a := range edgeAttrs {
		x.leaf("attribute", "", "id", fmt.Sprintf("e%d", i), "title", a.name, "type", gexfType(a.typ))
	}
	x.end("attributes")
	ns, idx := nodes(r)
	x.start("nodes", "count", fmt.Sprint(len(ns)))
	for i := range ns {
		n := &ns[i]
		x.start("node", "id", fmt.Sprintf("n%d", i), "label", token(n.Name))
		x.start("attvalues")
		for j, a := range nodeAttrs {
			x.leaf("attvalue", "", "for", fmt.Sprintf("v%d", j), "value", a.get(n))
		}
		x.end("attvalues")
		x.end("node")
	}
	x.end("nodes")
	count := 0
	for i := range r.Edges {
		if _, _, ok := endpoints(idx, &r.Edges[i]); ok {
			count++
		}
	}
	x.start("edges", "count", fmt.Sprint(count))
	for i := range r.Edges {
		e := &r.Edges[i]
		a, b, ok := endpoints(idx, e)
		if !ok {
			continue
		}
		x.start("edge", "id", fmt.Sprintf("e%d", i), "source", fmt.Sprintf("n%d", a), "target", fmt.Sprintf("n%d", b),
			"weight", fFloat(e.Weight), "kind", token(e.Kind.String()))
		x.start("attvalues")
		for j, at := range edgeAttrs {
			x.leaf("attvalue", "", "for", fmt.Sprintf("e%d", j), "value", at.get(e))
		}
		x.end("attvalues")
		x.end("edge")
	}
	x.end("edges")
	x.end("graph")
	x.end("gexf")
	return x.close()
}

func kindList(ks []coord.Kind) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = k.String()
	}
	return strings.Join(s, ", ")
}
