// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * ComptoirTimeRange:
 * @open: opening time, in minutes after midnight (0–1439)
 * @close: closing time, in minutes after midnight (0–1440); when it is not
 *   after @open the range goes past midnight and closes the next day
 *   (19:00–02:00, or 19:00–00:00 for “until midnight”); 1440 (24:00) is
 *   the end of the day, so that 0:00–24:00 is a day open throughout
 *
 * One opening range of a day, in Europe/Paris wall-clock time.
 */
typedef struct
{
  guint16 open;
  guint16 close;
} ComptoirTimeRange;

/**
 * ComptoirHoursException:
 * @from: first day (inclusive)
 * @to: last day (inclusive)
 * @closed: %TRUE for a closure (holidays); %FALSE for special opening hours
 * @ranges: (element-type ComptoirTimeRange): the ranges of each day when
 *   not @closed
 * @label: what the exception is for (“Congés d’été”), may be empty
 *
 * An exceptional closure or opening over a range of dates. It replaces the
 * weekly plan on those dates.
 */
typedef struct
{
  GDate   from;
  GDate   to;
  gboolean closed;
  GArray  *ranges;
  char    *label;
} ComptoirHoursException;

typedef struct _ComptoirOpeningHours ComptoirOpeningHours;

#define COMPTOIR_TYPE_OPENING_HOURS (comptoir_opening_hours_get_type ())
GType comptoir_opening_hours_get_type (void) G_GNUC_CONST;

ComptoirOpeningHours *comptoir_opening_hours_new             (void);
ComptoirOpeningHours *comptoir_opening_hours_copy            (const ComptoirOpeningHours *self);
void                  comptoir_opening_hours_free            (ComptoirOpeningHours       *self);
gboolean              comptoir_opening_hours_equal           (const ComptoirOpeningHours *a,
                                                              const ComptoirOpeningHours *b);
gboolean              comptoir_opening_hours_is_empty        (const ComptoirOpeningHours *self);

const ComptoirTimeRange *comptoir_opening_hours_get_ranges   (const ComptoirOpeningHours *self,
                                                              GDateWeekday                day,
                                                              guint                      *n_ranges);
gboolean              comptoir_opening_hours_add_range       (ComptoirOpeningHours       *self,
                                                              GDateWeekday                day,
                                                              guint                       open,
                                                              guint                       close,
                                                              GError                    **error);
void                  comptoir_opening_hours_remove_range    (ComptoirOpeningHours       *self,
                                                              GDateWeekday                day,
                                                              guint                       index);
void                  comptoir_opening_hours_clear_day       (ComptoirOpeningHours       *self,
                                                              GDateWeekday                day);

guint                 comptoir_opening_hours_get_n_exceptions (const ComptoirOpeningHours *self);
const ComptoirHoursException *comptoir_opening_hours_get_exception (const ComptoirOpeningHours *self,
                                                                    guint                       index);
gboolean              comptoir_opening_hours_add_exception   (ComptoirOpeningHours       *self,
                                                              const GDate                *from,
                                                              const GDate                *to,
                                                              gboolean                    closed,
                                                              const ComptoirTimeRange    *ranges,
                                                              guint                       n_ranges,
                                                              const char                 *label,
                                                              GError                    **error);
void                  comptoir_opening_hours_remove_exception (ComptoirOpeningHours      *self,
                                                               guint                      index);

gboolean              comptoir_opening_hours_is_open_at      (const ComptoirOpeningHours *self,
                                                              GDateTime                  *when);
GDateTime            *comptoir_opening_hours_next_opening    (const ComptoirOpeningHours *self,
                                                              GDateTime                  *now);
char                 *comptoir_opening_hours_format_status   (const ComptoirOpeningHours *self,
                                                              GDateTime                  *now);
GDateTime            *comptoir_opening_hours_next_closing    (const ComptoirOpeningHours *self,
                                                              GDateTime                  *now);

JsonNode             *comptoir_opening_hours_to_json         (const ComptoirOpeningHours *self);
ComptoirOpeningHours *comptoir_opening_hours_from_json       (JsonNode                   *node,
                                                              GError                    **error);

gboolean              comptoir_time_parse                    (const char                 *text,
                                                              guint                      *out_minutes);
char                 *comptoir_time_format                   (guint                       minutes);
GTimeZone            *comptoir_shop_time_zone                (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ComptoirOpeningHours, comptoir_opening_hours_free)

G_END_DECLS
