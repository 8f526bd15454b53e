package fetch

import (
	"errors"
	"net/netip"
	"strings"
	"testing"
)

func TestClassify(t *testing.T) {
	tests := []struct {
		ip      string
		blocked bool
		reason  string // substring of the reason when blocked
	}{
		{"127.0.0.1", true, "loopback"},
		{"127.255.0.9", true, "loopback"},
		{"::1", true, "loopback"},
		{"10.1.2.3", true, "RFC 1918"},
		{"172.16.0.1", true, "RFC 1918"},
		{"172.31.255.254", true, "RFC 1918"},
		{"192.168.1.1", true, "RFC 1918"},
		{"fd12:3456:789a::1", true, "RFC 4193"},
		{"fc00::1", true, "RFC 4193"},
		{"169.254.169.254", true, "metadata"},
		{"169.254.10.1", true, "link-local"},
		{"fe80::1", true, "link-local"},
		{"fe80::1%eth0", true, "link-local"},
		{"fd00:ec2::254", true, "metadata"},
		{"0.0.0.0", true, "unspecified"},
		{"0.1.2.3", true, "unspecified"},
		{"::", true, "unspecified"},
		{"224.0.0.1", true, "multicast"},
		{"239.255.255.250", true, "multicast"},
		{"ff02::1", true, "multicast"},
		{"100.64.0.1", true, "CGNAT"},
		{"100.127.255.255", true, "CGNAT"},
		{"255.255.255.255", true, "broadcast"},
		{"240.0.0.1", true, "reserved"},
		{"::ffff:127.0.0.1", true, "IPv4-mapped loopback"},
		{"::ffff:10.0.0.1", true, "IPv4-mapped private"},
		{"::ffff:169.254.169.254", true, "IPv4-mapped link-local"},
		{"64:ff9b::a9fe:a9fe", true, "NAT64 link-local"},

		{"8.8.8.8", false, ""},
		{"93.184.216.34", false, ""},
		{"172.32.0.1", false, ""},
		{"172.15.255.255", false, ""},
		{"100.128.0.1", false, ""},
		{"100.63.255.255", false, ""},
		{"192.169.0.1", false, ""},
		{"2a00:1450:4001:80b::200e", false, ""},
		{"::ffff:8.8.8.8", false, ""},
		{"64:ff9b::808:808", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.ip, func(t *testing.T) {
			reason, blocked := classify(netip.MustParseAddr(tt.ip))
			if blocked != tt.blocked {
				t.Fatalf("classify(%s) blocked = %v (%q), want %v", tt.ip, blocked, reason, tt.blocked)
			}
			if !strings.Contains(reason, tt.reason) {
				t.Errorf("classify(%s) reason = %q, want it to contain %q", tt.ip, reason, tt.reason)
			}
		})
	}
}

func TestCheckDial(t *testing.T) {
	tests := []struct {
		address string
		wantErr string // "" for allowed
	}{
		{"127.0.0.1:8080", "refusing to connect to 127.0.0.1 (loopback address); use --allow-private"},
		{"[::1]:443", "refusing to connect to ::1 (loopback address)"},
		{"[fe80::1%lo]:80", "refusing to connect to fe80::1 (link-local address)"},
		{"169.254.169.254:80", "cloud metadata endpoint"},
		{"93.184.216.34:443", ""},
		{"not-an-address", "check address"},
	}
	for _, tt := range tests {
		t.Run(tt.address, func(t *testing.T) {
			err := checkDial("tcp", tt.address, nil)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("checkDial(%s) = %v, want nil", tt.address, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("checkDial(%s) = %v, want error containing %q", tt.address, err, tt.wantErr)
			}
			if strings.Contains(tt.wantErr, "refusing") && !errors.Is(err, ErrPrivateAddress) {
				t.Errorf("checkDial(%s) error does not wrap ErrPrivateAddress", tt.address)
			}
		})
	}
}
