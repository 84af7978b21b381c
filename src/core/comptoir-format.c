// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-format"

#include "comptoir-i18n.h"

#include <stdio.h>
#include <string.h>

#include "comptoir-format.h"

/**
 * comptoir_format_date_time:
 * @iso8601_utc: a timestamp as stored, in UTC
 *
 * Returns: (transfer full): the timestamp in the local time zone, in the
 *   words of the locale, or the text itself if it is not a timestamp
 */
char *
comptoir_format_date_time (const char *iso8601_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601_utc == NULL)
    return g_strdup ("");
  when = g_date_time_new_from_iso8601 (iso8601_utc, utc);
  if (when == NULL)
    return g_strdup (iso8601_utc);
  local = g_date_time_to_local (when);
  /* Translators: a date and time, see strftime(3); e.g. "12/03/2026 14:05" */
  return g_date_time_format (local, _("%x %H:%M"));
}

/**
 * comptoir_format_date:
 * @iso8601_date: a date, "YYYY-MM-DD" (anything after is ignored)
 *
 * Returns: (transfer full): the date in the words of the locale
 */
char *
comptoir_format_date (const char *iso8601_date)
{
  int y, m, d;
  g_autoptr(GDateTime) when = NULL;

  if (iso8601_date == NULL || sscanf (iso8601_date, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso8601_date ? iso8601_date : "");
  when = g_date_time_new_local (y, m, d, 12, 0, 0);
  if (when == NULL)
    return g_strdup (iso8601_date);
  /* Translators: a date, see strftime(3); e.g. "12 March 2026" */
  return g_date_time_format (when, _("%e %B %Y"));
}

const char *
comptoir_order_status_label (const char *status)
{
  if (g_strcmp0 (status, "new") == 0)
    return _("New");
  if (g_strcmp0 (status, "accepted") == 0)
    return _("Accepted");
  if (g_strcmp0 (status, "ready") == 0)
    return _("Ready");
  if (g_strcmp0 (status, "completed") == 0)
    return _("Completed");
  if (g_strcmp0 (status, "rejected") == 0)
    return _("Rejected");
  if (g_strcmp0 (status, "cancelled") == 0)
    return _("Cancelled by the customer");
  return _("Unknown status");
}

const char *
comptoir_payout_status_label (const char *status)
{
  if (g_strcmp0 (status, "scheduled") == 0)
    return _("Scheduled");
  if (g_strcmp0 (status, "paid") == 0)
    return _("Paid");
  if (g_strcmp0 (status, "failed") == 0)
    return _("Failed");
  return _("Unknown status");
}
