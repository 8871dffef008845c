/* The kernel's view of the local time zone (ke/timezone.c). */
#ifndef KE_TIMEZONE_H
#define KE_TIMEZONE_H

#include "nt/ntstatus.h"
#include "nt/timezone.h"

/*
 * KeQueryTimeZoneInformation - the current zone as NT describes it (what NtQuerySystemInformation's
 * SystemCurrentTimeZoneInformation gives on Windows): bias, names and this year's transitions as yearly
 * rules. Names are the host's abbreviations ("CET"/"CEST"), "Coordinated Universal Time" for UTC.
 */
NTSTATUS KeQueryTimeZoneInformation(PRTL_TIME_ZONE_INFORMATION tzi);
/* The same zone with the transitions of the given year (what the host's rules say for it). */
NTSTATUS KeQueryTimeZoneInformationForYear(unsigned year, PRTL_TIME_ZONE_INFORMATION tzi);

#endif
