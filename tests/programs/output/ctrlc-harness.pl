#!/usr/bin/perl
# The harness of tests/e2e/output_ctrlc_*, called as `perl output/ctrlc-harness.pl NTEXEC ARGS...`: starts
# the program, waits until it has created the file "ready" (20 s at most), sends it SIGINT (or the signal
# named in the case's file "signal"), creates the file "go", and exits with the program's exit status
# (128 + the signal if a signal ended it). perl forks and execs, so the program does not inherit the
# ignored SIGINT a shell gives its background jobs.
use strict;
use warnings;
use POSIX ':sys_wait_h';
use Time::HiRes 'sleep';

my $sig = 'INT';
if (open(my $f, '<', 'signal')) {
    $sig = <$f>;
    chomp $sig;
}
unlink 'ready', 'go';
my $pid = fork() // die "harness: fork: $!";
if ($pid == 0) {
    exec @ARGV or die "harness: exec: $!";
}
for (my $t = 0; !-e 'ready'; $t += 0.02) {
    die "harness: no file \"ready\" after 20 s\n" if $t > 20;
    last if waitpid($pid, WNOHANG) == $pid;
    sleep 0.02;
}
kill $sig, $pid;
open(my $go, '>', 'go') or die "harness: go: $!";
close $go;
waitpid($pid, 0) if kill 0, $pid;
exit($? & 127 ? 128 + ($? & 127) : $? >> 8);
