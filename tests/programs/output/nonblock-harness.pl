#!/usr/bin/perl
# The harness of tests/e2e/output_nonblock_pipe*, called as `perl output/nonblock-harness.pl NTEXEC ARGS...`:
# runs the program with its stdout on a pipe whose write end is O_NONBLOCK (a parent may hand one down: the
# flag belongs to the open file description, which the child shares) and whose reader starts a second late,
# so the program's writes meet EAGAIN. Prints what arrived (bytes, lines, checksum) and exits with the
# program's exit status; the program's stderr passes through.
use strict;
use warnings;
use Fcntl;

pipe(my $r, my $w) or die "harness: pipe: $!";
my $pid = fork() // die "harness: fork: $!";
if ($pid == 0) {
    close $r;
    open(STDOUT, '>&', $w) or die "harness: dup: $!";
    close $w;
    my $flags = fcntl(STDOUT, F_GETFL, 0) or die "harness: F_GETFL: $!";
    fcntl(STDOUT, F_SETFL, $flags | O_NONBLOCK) or die "harness: F_SETFL: $!";
    exec @ARGV or die "harness: exec: $!";
}
close $w;
sleep 1;
binmode $r;
my $data = '';
while (1) {
    my $n = sysread($r, my $chunk, 65536);
    die "harness: read: $!" unless defined $n;
    last if $n == 0;
    $data .= $chunk;
}
waitpid($pid, 0);
my $status = $? & 127 ? 128 + ($? & 127) : $? >> 8;
printf "bytes: %d\nlines: %d\nchecksum: %u\n", length $data, ($data =~ tr/\n//), unpack('%32C*', $data);
exit $status;
