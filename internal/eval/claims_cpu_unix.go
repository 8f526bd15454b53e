//go:build unix

package eval

import (
	"syscall"
	"time"
)

// claimsProcessCPU returns the CPU time (user and system) the process has used so far, or 0 when
// it cannot be read.
func claimsProcessCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
