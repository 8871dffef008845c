/* Private to src/host: per-thread state the lock and thread files share. */
#ifndef HOST_HOSTP_H
#define HOST_HOSTP_H

/* Kernel locks (host_lock) the current thread holds. While it holds one, a request to stop the thread
 * (host_thread_stop) only marks it pending; the release of the last one stops it. */
extern _Thread_local unsigned host_lock_depth;
extern _Thread_local volatile int host_stop_pending;

#endif
