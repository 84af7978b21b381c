// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-opening-hours"

#include "comptoir-i18n.h"

#include <stdio.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-opening-hours.h"

/* Opening hours are wall-clock times in Europe/Paris. A range belongs to
 * the day it starts on: Saturday 19:00–02:00 is Saturday's, even though
 * it ends on Sunday, and an exception on a date replaces the ranges that
 * start on that date.
 *
 * A range is turned into a real stretch of time (a “session”) as: from the
 * first instant the clock shows the opening time that day, to the first
 * instant after that the clock shows the closing time. So on the spring
 * change day, 01:00–04:00 lasts two hours and 02:30 (which does not exist)
 * opens at 03:00; on the autumn change day it lasts four hours and a
 * closing time within the repeated hour is reached at its first passing. */

#define MINUTES_PER_DAY 1440
#define MINUTES_PER_WEEK (7 * MINUTES_PER_DAY)
#define SECONDS_PER_DAY G_GINT64_CONSTANT (86400)
/* How far next_opening() looks ahead. */
#define LOOKAHEAD_DAYS 400

struct _ComptoirOpeningHours
{
  GArray    *days[7]; /* ComptoirTimeRange, sorted by opening; index 0 is Monday */
  GPtrArray *exceptions; /* ComptoirHoursException, sorted by date */
};

G_DEFINE_BOXED_TYPE (ComptoirOpeningHours, comptoir_opening_hours,
                     comptoir_opening_hours_copy, comptoir_opening_hours_free)

static const char *
day_name (GDateWeekday day)
{
  static const char *names[7] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday")
  };

  return _(names[day - 1]);
}

static guint
range_length (const ComptoirTimeRange *range)
{
  if (range->close > range->open)
    return range->close - range->open;
  return range->close + MINUTES_PER_DAY - range->open;
}

static gboolean
intervals_overlap (gint64 s1, gint64 e1, gint64 s2, gint64 e2)
{
  return s1 < e2 && s2 < e1;
}

/* Whether two intervals overlap on a circle of length @period. */
static gboolean
circular_overlap (gint64 s1, gint64 e1, gint64 s2, gint64 e2, gint64 period)
{
  return intervals_overlap (s1, e1, s2, e2) ||
         intervals_overlap (s1, e1, s2 + period, e2 + period) ||
         intervals_overlap (s1, e1, s2 - period, e2 - period);
}

static GArray *
new_range_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (ComptoirTimeRange));
}

static void
exception_free (gpointer data)
{
  ComptoirHoursException *exception = data;

  g_clear_pointer (&exception->ranges, g_array_unref);
  g_free (exception->label);
  g_free (exception);
}

static ComptoirHoursException *
exception_copy (const ComptoirHoursException *src)
{
  ComptoirHoursException *copy = g_new0 (ComptoirHoursException, 1);

  copy->from = src->from;
  copy->to = src->to;
  copy->closed = src->closed;
  copy->ranges = new_range_array ();
  g_array_append_vals (copy->ranges, src->ranges->data, src->ranges->len);
  copy->label = g_strdup (src->label);
  return copy;
}

static int
compare_ranges (gconstpointer a,
                gconstpointer b)
{
  const ComptoirTimeRange *ra = a, *rb = b;

  return (int) ra->open - (int) rb->open;
}

ComptoirOpeningHours *
comptoir_opening_hours_new (void)
{
  ComptoirOpeningHours *self = g_new0 (ComptoirOpeningHours, 1);

  for (guint i = 0; i < 7; i++)
    self->days[i] = new_range_array ();
  self->exceptions = g_ptr_array_new_with_free_func (exception_free);
  return self;
}

ComptoirOpeningHours *
comptoir_opening_hours_copy (const ComptoirOpeningHours *self)
{
  ComptoirOpeningHours *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = comptoir_opening_hours_new ();
  for (guint i = 0; i < 7; i++)
    g_array_append_vals (copy->days[i], self->days[i]->data, self->days[i]->len);
  for (guint i = 0; i < self->exceptions->len; i++)
    g_ptr_array_add (copy->exceptions, exception_copy (g_ptr_array_index (self->exceptions, i)));
  return copy;
}

void
comptoir_opening_hours_free (ComptoirOpeningHours *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < 7; i++)
    g_array_unref (self->days[i]);
  g_ptr_array_unref (self->exceptions);
  g_free (self);
}

static gboolean
range_arrays_equal (GArray *a,
                    GArray *b)
{
  return a->len == b->len &&
         (a->len == 0 || memcmp (a->data, b->data, a->len * sizeof (ComptoirTimeRange)) == 0);
}

gboolean
comptoir_opening_hours_equal (const ComptoirOpeningHours *a,
                              const ComptoirOpeningHours *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;
  for (guint i = 0; i < 7; i++)
    if (!range_arrays_equal (a->days[i], b->days[i]))
      return FALSE;
  if (a->exceptions->len != b->exceptions->len)
    return FALSE;
  for (guint i = 0; i < a->exceptions->len; i++)
    {
      const ComptoirHoursException *ea = g_ptr_array_index (a->exceptions, i);
      const ComptoirHoursException *eb = g_ptr_array_index (b->exceptions, i);

      if (g_date_compare (&ea->from, &eb->from) != 0 || g_date_compare (&ea->to, &eb->to) != 0 ||
          ea->closed != eb->closed || g_strcmp0 (ea->label, eb->label) != 0 ||
          !range_arrays_equal (ea->ranges, eb->ranges))
        return FALSE;
    }
  return TRUE;
}

/**
 * comptoir_opening_hours_is_empty:
 *
 * Returns: %TRUE when no day has any range and there is no exception.
 */
gboolean
comptoir_opening_hours_is_empty (const ComptoirOpeningHours *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < 7; i++)
    if (self->days[i]->len > 0)
      return FALSE;
  return self->exceptions->len == 0;
}

const ComptoirTimeRange *
comptoir_opening_hours_get_ranges (const ComptoirOpeningHours *self,
                                   GDateWeekday                day,
                                   guint                      *n_ranges)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (g_date_valid_weekday (day), NULL);

  *n_ranges = self->days[day - 1]->len;
  return (const ComptoirTimeRange *) self->days[day - 1]->data;
}

static gboolean
check_range (guint    open,
             guint    close,
             GError **error)
{
  /* closing at 24:00 (1440) is closing at the end of the day */
  if (open >= MINUTES_PER_DAY || close > MINUTES_PER_DAY)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Write times between 0:00 and 23:59."));
      return FALSE;
    }
  if (open == close)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The opening and closing times are the same. Change one of them."));
      return FALSE;
    }
  return TRUE;
}

static void
set_overlap_error (GError                  **error,
                   const ComptoirTimeRange  *other,
                   const char               *day)
{
  g_autofree char *open = comptoir_time_format (other->open);
  g_autofree char *close = comptoir_time_format (other->close);

  if (day != NULL)
    /* Translators: “These hours overlap 9:00–12:00 on Monday.” */
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                 _("These hours overlap %s–%s on %s. Change one of them."), open, close, day);
  else
    g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                 _("These hours overlap %s–%s. Change one of them."), open, close);
}

/**
 * comptoir_opening_hours_add_range:
 * @self: the opening hours
 * @day: the day the range starts on
 * @open: opening time in minutes after midnight
 * @close: closing time in minutes after midnight; not after @open means
 *   the next day
 * @error: a #GError
 *
 * Adds a range to the weekly plan. A range overlapping another one of the
 * week (including one going past midnight into the next day) is refused.
 */
gboolean
comptoir_opening_hours_add_range (ComptoirOpeningHours  *self,
                                  GDateWeekday           day,
                                  guint                  open,
                                  guint                  close,
                                  GError               **error)
{
  ComptoirTimeRange range;
  gint64 start, end;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (g_date_valid_weekday (day), FALSE);

  if (!check_range (open, close, error))
    return FALSE;

  range.open = open;
  range.close = close;
  start = (day - 1) * MINUTES_PER_DAY + open;
  end = start + range_length (&range);

  for (guint d = 0; d < 7; d++)
    for (guint i = 0; i < self->days[d]->len; i++)
      {
        const ComptoirTimeRange *other = &g_array_index (self->days[d], ComptoirTimeRange, i);
        gint64 other_start = d * MINUTES_PER_DAY + other->open;
        gint64 other_end = other_start + range_length (other);

        if (circular_overlap (start, end, other_start, other_end, MINUTES_PER_WEEK))
          {
            set_overlap_error (error, other, day_name (d + 1));
            return FALSE;
          }
      }

  g_array_append_val (self->days[day - 1], range);
  g_array_sort (self->days[day - 1], compare_ranges);
  return TRUE;
}

void
comptoir_opening_hours_remove_range (ComptoirOpeningHours *self,
                                     GDateWeekday          day,
                                     guint                 index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_weekday (day));
  g_return_if_fail (index < self->days[day - 1]->len);

  g_array_remove_index (self->days[day - 1], index);
}

/**
 * comptoir_opening_hours_clear_day:
 *
 * Makes @day a closed day of the weekly plan.
 */
void
comptoir_opening_hours_clear_day (ComptoirOpeningHours *self,
                                  GDateWeekday          day)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (g_date_valid_weekday (day));

  g_array_set_size (self->days[day - 1], 0);
}

guint
comptoir_opening_hours_get_n_exceptions (const ComptoirOpeningHours *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->exceptions->len;
}

const ComptoirHoursException *
comptoir_opening_hours_get_exception (const ComptoirOpeningHours *self,
                                      guint                       index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->exceptions->len, NULL);

  return g_ptr_array_index (self->exceptions, index);
}

static int
compare_exceptions (gconstpointer a,
                    gconstpointer b)
{
  const ComptoirHoursException *ea = *(ComptoirHoursException **) a;
  const ComptoirHoursException *eb = *(ComptoirHoursException **) b;

  return g_date_compare (&ea->from, &eb->from);
}

/**
 * comptoir_opening_hours_add_exception:
 * @self: the opening hours
 * @from: first day
 * @to: last day, the same as @from or later
 * @closed: %TRUE for a closure
 * @ranges: (array length=n_ranges) (nullable): the hours of each day of
 *   the exception when it is an opening
 * @n_ranges: length of @ranges
 * @label: (nullable): what it is for
 * @error: a #GError
 *
 * Adds an exceptional closure or opening. Its dates must not overlap those
 * of another exception, and its ranges must not overlap each other.
 */
gboolean
comptoir_opening_hours_add_exception (ComptoirOpeningHours     *self,
                                      const GDate              *from,
                                      const GDate              *to,
                                      gboolean                  closed,
                                      const ComptoirTimeRange  *ranges,
                                      guint                     n_ranges,
                                      const char               *label,
                                      GError                  **error)
{
  ComptoirHoursException *exception;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  if (!g_date_valid (from) || !g_date_valid (to))
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Choose the first and last day."));
      return FALSE;
    }
  if (g_date_compare (from, to) > 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("The last day comes before the first day. Swap them."));
      return FALSE;
    }
  if (!closed && n_ranges == 0)
    {
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                           _("Give the opening hours of these days, or mark them as closed."));
      return FALSE;
    }

  for (guint i = 0; i < self->exceptions->len; i++)
    {
      const ComptoirHoursException *other = g_ptr_array_index (self->exceptions, i);

      if (g_date_compare (from, &other->to) <= 0 && g_date_compare (&other->from, to) <= 0)
        {
          char first[64], last[64];

          g_date_strftime (first, sizeof first, "%d/%m/%Y", &other->from);
          g_date_strftime (last, sizeof last, "%d/%m/%Y", &other->to);
          g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("These dates overlap the exception from %s to %s. Change the dates or remove that one first."),
                       first, last);
          return FALSE;
        }
    }

  for (guint i = 0; !closed && i < n_ranges; i++)
    {
      if (!check_range (ranges[i].open, ranges[i].close, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (circular_overlap (ranges[i].open, ranges[i].open + range_length (&ranges[i]),
                              ranges[j].open, ranges[j].open + range_length (&ranges[j]),
                              MINUTES_PER_DAY))
          {
            set_overlap_error (error, &ranges[j], NULL);
            return FALSE;
          }
    }

  exception = g_new0 (ComptoirHoursException, 1);
  exception->from = *from;
  exception->to = *to;
  exception->closed = closed;
  exception->ranges = new_range_array ();
  if (!closed && n_ranges > 0)
    {
      g_array_append_vals (exception->ranges, ranges, n_ranges);
      g_array_sort (exception->ranges, compare_ranges);
    }
  exception->label = g_strdup (label ? label : "");
  g_ptr_array_add (self->exceptions, exception);
  g_ptr_array_sort (self->exceptions, compare_exceptions);
  return TRUE;
}

void
comptoir_opening_hours_remove_exception (ComptoirOpeningHours *self,
                                         guint                 index)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (index < self->exceptions->len);

  g_ptr_array_remove_index (self->exceptions, index);
}

/* Time computations. Days are Julian day numbers of GDate; instants are
 * Unix seconds. A “naive” time is a wall-clock time written as if it
 * were UTC, which makes day and minute arithmetic plain. */

GTimeZone *
comptoir_shop_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Paris");

  /* Without tzdata there is nothing better than UTC. */
  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static guint32
epoch_julian (void)
{
  GDate epoch;

  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  return g_date_get_julian (&epoch);
}

static gint64
offset_at (GTimeZone *tz,
           gint64     instant)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, instant);

  return g_time_zone_get_offset (tz, interval);
}

static gint64
naive_of (GTimeZone *tz,
          gint64     instant)
{
  return instant + offset_at (tz, instant);
}

/* The first instant at which the clock shows @minute on @julian day or
 * later: the time itself, its first passing in a repeated hour, or the end
 * of the gap when it falls in a skipped hour. */
static gint64
first_instant (GTimeZone *tz,
               guint32    julian,
               guint      minute)
{
  gint64 naive = ((gint64) julian - epoch_julian ()) * SECONDS_PER_DAY + minute * 60;
  gint64 off_before = offset_at (tz, naive - SECONDS_PER_DAY / 2);
  gint64 off_after = offset_at (tz, naive + SECONDS_PER_DAY / 2);
  gint64 best = G_MAXINT64;
  gint64 lo, hi;

  if (naive_of (tz, naive - off_before) == naive)
    best = naive - off_before;
  if (naive_of (tz, naive - off_after) == naive)
    best = MIN (best, naive - off_after);
  if (best != G_MAXINT64)
    return best;

  /* In a gap: the clock jumps over @minute; find the jump. */
  lo = naive - MAX (off_before, off_after);
  hi = naive - MIN (off_before, off_after);
  while (lo < hi)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (naive_of (tz, mid) >= naive)
        hi = mid;
      else
        lo = mid + 1;
    }
  return lo;
}

static const ComptoirHoursException *
exception_for (const ComptoirOpeningHours *self,
               const GDate                *date)
{
  for (guint i = 0; i < self->exceptions->len; i++)
    {
      const ComptoirHoursException *exception = g_ptr_array_index (self->exceptions, i);

      if (g_date_compare (&exception->from, date) <= 0 && g_date_compare (date, &exception->to) <= 0)
        return exception;
    }
  return NULL;
}

/* The ranges that start on @julian day: an exception wins over the week. */
static GArray *
plan_for (const ComptoirOpeningHours *self,
          guint32                     julian)
{
  static GArray *none;
  const ComptoirHoursException *exception;
  GDate date;

  if (g_once_init_enter (&none))
    g_once_init_leave (&none, new_range_array ());

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  exception = exception_for (self, &date);
  if (exception != NULL)
    return exception->closed ? none : exception->ranges;
  return self->days[g_date_get_weekday (&date) - 1];
}

static void
session_of (GTimeZone               *tz,
            guint32                  julian,
            const ComptoirTimeRange *range,
            gint64                  *start,
            gint64                  *end)
{
  *start = first_instant (tz, julian, range->open);
  *end = first_instant (tz, range->close > range->open ? julian : julian + 1, range->close);
}

static guint32
julian_of (GTimeZone *tz,
           gint64     instant)
{
  gint64 naive = naive_of (tz, instant);

  return (guint32) (epoch_julian () + (naive >= 0 ? naive / SECONDS_PER_DAY
                                                  : (naive - SECONDS_PER_DAY + 1) / SECONDS_PER_DAY));
}

/* The end of the session holding @instant, or -1 when closed then. */
static gint64
session_end_at (const ComptoirOpeningHours *self,
                GTimeZone                  *tz,
                gint64                      instant)
{
  guint32 today = julian_of (tz, instant);
  gint64 found = -1;

  for (guint32 day = today - 1; day <= today; day++)
    {
      GArray *plan = plan_for (self, day);

      for (guint i = 0; i < plan->len; i++)
        {
          gint64 start, end;

          session_of (tz, day, &g_array_index (plan, ComptoirTimeRange, i), &start, &end);
          if (start <= instant && instant < end)
            found = MAX (found, end);
        }
    }
  return found;
}

/**
 * comptoir_opening_hours_is_open_at:
 * @self: the opening hours
 * @when: an instant, in any time zone
 *
 * Returns: whether the shop is open at @when, reading the hours in
 *   Europe/Paris; exceptions win over the weekly plan.
 */
gboolean
comptoir_opening_hours_is_open_at (const ComptoirOpeningHours *self,
                                   GDateTime                  *when)
{
  g_autoptr(GTimeZone) tz = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (when != NULL, FALSE);

  tz = comptoir_shop_time_zone ();
  return session_end_at (self, tz, g_date_time_to_unix (when)) >= 0;
}

/**
 * comptoir_opening_hours_next_opening:
 * @self: the opening hours
 * @now: the current instant
 *
 * Finds when the shop next opens after @now: when it is closed, the next
 * time it opens; when it is open, the next time it opens again after
 * closing. Back-to-back ranges (12:00–14:00 then 14:00–18:00) count as
 * one opening.
 *
 * Returns: (transfer full) (nullable): the instant, in Europe/Paris, or
 *   %NULL if the shop does not open in the coming year.
 */
GDateTime *
comptoir_opening_hours_next_opening (const ComptoirOpeningHours *self,
                                     GDateTime                  *now)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gint64 instant, best = G_MAXINT64;
  guint32 today;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  tz = comptoir_shop_time_zone ();
  instant = g_date_time_to_unix (now);
  today = julian_of (tz, instant);

  for (guint32 day = today - 1; day <= today + LOOKAHEAD_DAYS; day++)
    {
      GArray *plan = plan_for (self, day);

      /* Ranges of later days start later: stop once one is found. */
      if (best != G_MAXINT64 && first_instant (tz, day, 0) > best)
        break;

      for (guint i = 0; i < plan->len; i++)
        {
          gint64 start, end;

          session_of (tz, day, &g_array_index (plan, ComptoirTimeRange, i), &start, &end);
          if (start > instant && start < best && start < end &&
              session_end_at (self, tz, start - 1) < 0)
            best = start;
        }
    }

  if (best == G_MAXINT64)
    return NULL;
  utc = g_date_time_new_from_unix_utc (best);
  return g_date_time_to_timezone (utc, tz);
}

/**
 * comptoir_opening_hours_next_closing:
 * @self: the opening hours
 * @now: the current instant
 *
 * Returns: (transfer full) (nullable): when the shop closes, if it is open
 *   at @now, in Europe/Paris; otherwise %NULL.
 */
GDateTime *
comptoir_opening_hours_next_closing (const ComptoirOpeningHours *self,
                                     GDateTime                  *now)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) utc = NULL;
  gint64 end, next;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  tz = comptoir_shop_time_zone ();
  end = session_end_at (self, tz, g_date_time_to_unix (now));
  if (end < 0)
    return NULL;
  /* Back-to-back ranges: the shop closes at the end of the last one. */
  for (guint i = 0; i < 14 && (next = session_end_at (self, tz, end)) > end; i++)
    end = next;

  utc = g_date_time_new_from_unix_utc (end);
  return g_date_time_to_timezone (utc, tz);
}

static char *
time_of (GDateTime *when)
{
  return comptoir_time_format ((guint) (g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when)));
}

static int
days_between (GDateTime *a,
              GDateTime *b)
{
  GDate da, db;

  g_date_clear (&da, 1);
  g_date_clear (&db, 1);
  g_date_set_dmy (&da, g_date_time_get_day_of_month (a), g_date_time_get_month (a), g_date_time_get_year (a));
  g_date_set_dmy (&db, g_date_time_get_day_of_month (b), g_date_time_get_month (b), g_date_time_get_year (b));
  return g_date_days_between (&da, &db);
}

/**
 * comptoir_opening_hours_format_status:
 * @self: the opening hours
 * @now: the current instant
 *
 * Returns: (transfer full): “Open now · closes at 19:00”, “Closed · opens
 *   tomorrow at 9:00”… in Paris time, for the merchant and the previews;
 *   an empty string when there are no hours.
 */
char *
comptoir_opening_hours_format_status (const ComptoirOpeningHours *self,
                                      GDateTime                  *now)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) closing = NULL;
  g_autoptr(GDateTime) opening = NULL;
  g_autofree char *time = NULL;
  g_autofree char *weekday = NULL;
  int days;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (comptoir_opening_hours_is_empty (self))
    return g_strdup ("");

  tz = comptoir_shop_time_zone ();
  local_now = g_date_time_to_timezone (now, tz);
  closing = comptoir_opening_hours_next_closing (self, now);
  if (closing != NULL)
    {
      time = time_of (closing);
      days = days_between (local_now, closing);
      /* open every hour of the week: no closing worth announcing */
      if (days >= 7)
        return g_strdup (_("Open now, day and night"));
      if (days == 0)
        return g_strdup_printf (_("Open now · closes at %s"), time);
      if (days == 1)
        return g_strdup_printf (_("Open now · closes tomorrow at %s"), time);
      weekday = g_date_time_format (closing, "%A");
      return g_strdup_printf (_("Open now · closes %s at %s"), weekday, time);
    }

  opening = comptoir_opening_hours_next_opening (self, now);
  if (opening == NULL)
    return g_strdup (_("Closed"));
  time = time_of (opening);
  days = days_between (local_now, opening);
  if (days == 0)
    return g_strdup_printf (_("Closed · opens at %s"), time);
  if (days == 1)
    return g_strdup_printf (_("Closed · opens tomorrow at %s"), time);
  if (days < 7)
    {
      weekday = g_date_time_format (opening, "%A");
      return g_strdup_printf (_("Closed · opens %s at %s"), weekday, time);
    }
  weekday = g_date_time_format (opening, "%d/%m/%Y");
  return g_strdup_printf (_("Closed · opens on %s at %s"), weekday, time);
}
