// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <json-glib/json-glib.h>

#include "comptoir-error.h"
#include "comptoir-opening-hours.h"
#include "comptoir-shop.h"
#include "comptoir-shop-export.h"
#include "comptoir-shop-jsonld.h"
#include "comptoir-shop-markup.h"
#include "comptoir-shop-validate.h"
#include "comptoir-test-utils.h"
#include "shop-sample.h"

#define HM(h, m) ((h) * 60 + (m))

/* An instant given in UTC, so that tests say exactly which moment. */
static GDateTime *
utc (int year, int month, int day, int hour, int minute)
{
  return g_date_time_new_utc (year, month, day, hour, minute, 0);
}

static gboolean
open_at_utc (const ComptoirOpeningHours *hours,
             int year, int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) when = utc (year, month, day, hour, minute);

  return comptoir_opening_hours_is_open_at (hours, when);
}

static void
assert_next_opening_utc (const ComptoirOpeningHours *hours,
                         GDateTime                  *now,
                         const char                 *expected_utc)
{
  g_autoptr(GDateTime) next = comptoir_opening_hours_next_opening (hours, now);
  g_autoptr(GDateTime) next_utc = NULL;
  g_autofree char *text = NULL;

  g_assert_nonnull (next);
  next_utc = g_date_time_to_utc (next);
  text = g_date_time_format (next_utc, "%Y-%m-%d %H:%M");
  g_assert_cmpstr (text, ==, expected_utc);
}

static void
set_date (GDate *date, int day, int month, int year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static void
test_hours_overlaps_refused (void)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_MONDAY, HM (9, 0), HM (12, 0), &error));
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_MONDAY, HM (14, 0), HM (19, 0), &error));
  g_assert_no_error (error);
  /* touching is fine, overlapping is not */
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_MONDAY, HM (12, 0), HM (13, 0), &error));
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_MONDAY, HM (11, 0), HM (15, 0), &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "9:00"));
  g_clear_error (&error);

  /* Saturday 19:00–02:00 runs into Sunday 01:00–03:00 */
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SATURDAY, HM (19, 0), HM (2, 0), &error));
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, HM (1, 0), HM (3, 0), &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  /* Sunday night past midnight runs into Monday 9:00 across the week's end */
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, HM (22, 0), HM (9, 30), &error));
  g_clear_error (&error);
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, HM (2, 0), HM (3, 0), &error));
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_TUESDAY, HM (10, 0), HM (10, 0), &error));
  g_clear_error (&error);

  comptoir_opening_hours_get_ranges (hours, G_DATE_MONDAY, &n);
  g_assert_cmpuint (n, ==, 3);

  /* exceptions: dates may not overlap */
  {
    GDate from, to;
    ComptoirTimeRange range = { HM (10, 0), HM (12, 0) };

    set_date (&from, 20, 12, 2026);
    set_date (&to, 31, 12, 2026);
    g_assert_true (comptoir_opening_hours_add_exception (hours, &from, &to, TRUE, NULL, 0, "Congés", &error));
    set_date (&from, 31, 12, 2026);
    set_date (&to, 2, 1, 2027);
    g_assert_false (comptoir_opening_hours_add_exception (hours, &from, &to, FALSE, &range, 1, NULL, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
    g_clear_error (&error);
    set_date (&from, 2, 1, 2027);
    set_date (&to, 1, 1, 2027);
    g_assert_false (comptoir_opening_hours_add_exception (hours, &from, &to, TRUE, NULL, 0, NULL, &error));
    g_clear_error (&error);
  }
}

static void
test_hours_past_midnight (void)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  g_autoptr(GDateTime) now = NULL;

  /* A bar: Saturday 19:00–02:00. 2026-11-14 is a Saturday; Paris is UTC+1. */
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SATURDAY, HM (19, 0), HM (2, 0), NULL));
  g_assert_false (open_at_utc (hours, 2026, 11, 14, 17, 59)); /* 18:59 */
  g_assert_true (open_at_utc (hours, 2026, 11, 14, 18, 0));   /* 19:00 */
  g_assert_true (open_at_utc (hours, 2026, 11, 14, 23, 30));  /* Sunday 00:30 */
  g_assert_true (open_at_utc (hours, 2026, 11, 15, 0, 59));   /* Sunday 01:59 */
  g_assert_false (open_at_utc (hours, 2026, 11, 15, 1, 0));   /* Sunday 02:00 */
  g_assert_false (open_at_utc (hours, 2026, 11, 13, 23, 30)); /* Saturday 00:30: Friday had nothing */

  now = utc (2026, 11, 15, 0, 0);
  assert_next_opening_utc (hours, now, "2026-11-21 18:00");
  {
    g_autoptr(GDateTime) closing = comptoir_opening_hours_next_closing (hours, now);
    g_autofree char *text = g_date_time_format (closing, "%a %H:%M %Z");
    /* shown in Paris time */
    g_assert_cmpint (g_date_time_get_hour (closing), ==, 2);
    g_assert_cmpint (g_date_time_get_day_of_week (closing), ==, 7);
    g_test_message ("closes %s", text);
  }

  /* “until midnight” */
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_FRIDAY, HM (18, 0), HM (0, 0), NULL));
  g_assert_true (open_at_utc (hours, 2026, 11, 13, 22, 59));   /* 23:59 */
  g_assert_false (open_at_utc (hours, 2026, 11, 13, 23, 0));   /* 00:00 */
}

static void
test_hours_exceptions_win (void)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  g_autoptr(GDateTime) now = NULL;
  ComptoirTimeRange sunday = { HM (10, 0), HM (18, 0) };
  GDate from, to;

  for (GDateWeekday d = G_DATE_TUESDAY; d <= G_DATE_SATURDAY; d++)
    {
      g_assert_true (comptoir_opening_hours_add_range (hours, d, HM (9, 0), HM (12, 30), NULL));
      g_assert_true (comptoir_opening_hours_add_range (hours, d, HM (14, 30), HM (19, 0), NULL));
    }

  /* Closed for holidays Tue 2026-08-04 to Sat 2026-08-15 (Paris is UTC+2). */
  set_date (&from, 4, 8, 2026);
  set_date (&to, 15, 8, 2026);
  g_assert_true (comptoir_opening_hours_add_exception (hours, &from, &to, TRUE, NULL, 0, "Congés d’été", NULL));
  g_assert_true (open_at_utc (hours, 2026, 8, 1, 8, 0));    /* Sat 1st, 10:00 */
  g_assert_false (open_at_utc (hours, 2026, 8, 4, 8, 0));   /* Tue 4th, 10:00 */
  g_assert_false (open_at_utc (hours, 2026, 8, 15, 15, 0)); /* last day */
  g_assert_true (open_at_utc (hours, 2026, 8, 18, 8, 0));   /* Tue after */
  now = utc (2026, 8, 3, 12, 0);
  assert_next_opening_utc (hours, now, "2026-08-18 07:00");
  g_clear_pointer (&now, g_date_time_unref);

  /* Open on the Sunday before Christmas, 2026-12-20, 10:00–18:00 (UTC+1). */
  set_date (&from, 20, 12, 2026);
  g_assert_true (comptoir_opening_hours_add_exception (hours, &from, &from, FALSE, &sunday, 1, NULL, NULL));
  g_assert_true (open_at_utc (hours, 2026, 12, 20, 9, 0));
  g_assert_false (open_at_utc (hours, 2026, 12, 13, 9, 0)); /* the Sunday before: closed */
  now = utc (2026, 12, 19, 19, 0); /* Saturday 20:00 */
  assert_next_opening_utc (hours, now, "2026-12-20 09:00");

  /* Round trip through the JSON of the shop table. */
  {
    g_autoptr(JsonNode) node = comptoir_opening_hours_to_json (hours);
    g_autoptr(ComptoirOpeningHours) back = comptoir_opening_hours_from_json (node, NULL);
    g_autoptr(JsonNode) garbage = json_from_string ("{\"weekly\": {\"monday\": [[\"25:00\", \"12:00\"]]}}", NULL);
    g_autoptr(ComptoirOpeningHours) refused = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (back);
    g_assert_true (comptoir_opening_hours_equal (hours, back));
    refused = comptoir_opening_hours_from_json (garbage, &error);
    g_assert_null (refused);
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  }
}

static void
test_hours_dst (void)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  g_autoptr(GDateTime) now = NULL;

  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, HM (1, 0), HM (4, 0), NULL));

  /* 2026-03-29, spring forward at 01:00 UTC: 02:00 CET becomes 03:00 CEST.
   * 01:00–04:00 lasts two real hours. */
  g_assert_false (open_at_utc (hours, 2026, 3, 28, 23, 59)); /* 00:59 CET */
  g_assert_true (open_at_utc (hours, 2026, 3, 29, 0, 0));    /* 01:00 CET */
  g_assert_true (open_at_utc (hours, 2026, 3, 29, 0, 59));   /* 01:59 CET */
  g_assert_true (open_at_utc (hours, 2026, 3, 29, 1, 0));    /* 03:00 CEST */
  g_assert_true (open_at_utc (hours, 2026, 3, 29, 1, 59));   /* 03:59 CEST */
  g_assert_false (open_at_utc (hours, 2026, 3, 29, 2, 0));   /* 04:00 CEST */

  /* 2026-10-25, fall back at 01:00 UTC: 03:00 CEST becomes 02:00 CET.
   * 01:00–04:00 lasts four real hours, open through both 02:30s. */
  g_assert_false (open_at_utc (hours, 2026, 10, 24, 22, 59)); /* 00:59 CEST */
  g_assert_true (open_at_utc (hours, 2026, 10, 24, 23, 0));   /* 01:00 CEST */
  g_assert_true (open_at_utc (hours, 2026, 10, 25, 0, 30));   /* 02:30 CEST */
  g_assert_true (open_at_utc (hours, 2026, 10, 25, 1, 30));   /* 02:30 CET */
  g_assert_true (open_at_utc (hours, 2026, 10, 25, 2, 59));   /* 03:59 CET */
  g_assert_false (open_at_utc (hours, 2026, 10, 25, 3, 0));   /* 04:00 CET */

  /* Next opening from the Saturday before each change. */
  now = utc (2026, 3, 28, 12, 0);
  assert_next_opening_utc (hours, now, "2026-03-29 00:00");
  g_clear_pointer (&now, g_date_time_unref);
  now = utc (2026, 10, 24, 12, 0);
  assert_next_opening_utc (hours, now, "2026-10-24 23:00");
  g_clear_pointer (&now, g_date_time_unref);

  /* A range starting in the skipped hour opens when the clock jumps. */
  comptoir_opening_hours_clear_day (hours, G_DATE_SUNDAY);
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, HM (2, 30), HM (4, 0), NULL));
  now = utc (2026, 3, 28, 12, 0);
  assert_next_opening_utc (hours, now, "2026-03-29 01:00");
  g_assert_false (open_at_utc (hours, 2026, 3, 29, 0, 59));  /* 01:59 CET */
  g_assert_true (open_at_utc (hours, 2026, 3, 29, 1, 0));    /* 03:00 CEST */
  /* and on the repeated hour, it opens at the first 02:30 */
  g_clear_pointer (&now, g_date_time_unref);
  now = utc (2026, 10, 24, 12, 0);
  assert_next_opening_utc (hours, now, "2026-10-25 00:30");
}

static void
test_time_parse (void)
{
  guint m;

  g_assert_true (comptoir_time_parse ("9:00", &m));
  g_assert_cmpuint (m, ==, 540);
  g_assert_true (comptoir_time_parse ("9h30", &m));
  g_assert_cmpuint (m, ==, 570);
  g_assert_true (comptoir_time_parse (" 19 h ", &m));
  g_assert_cmpuint (m, ==, 1140);
  /* the end of the day, not midnight at its start */
  g_assert_true (comptoir_time_parse ("24:00", &m));
  g_assert_cmpuint (m, ==, 1440);
  g_assert_true (comptoir_time_parse ("24h", &m));
  g_assert_cmpuint (m, ==, 1440);
  g_assert_false (comptoir_time_parse ("24:30", &m));
  g_assert_false (comptoir_time_parse ("25:00", &m));
  g_assert_false (comptoir_time_parse ("9:7", &m));
  g_assert_false (comptoir_time_parse ("midi", &m));
  g_assert_false (comptoir_time_parse ("", &m));
}

/* A shop open all day long says 0:00–24:00. */
static void
test_hours_all_day (void)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  g_autoptr(ComptoirOpeningHours) back = NULL;
  g_autoptr(ComptoirShop) shop = comptoir_test_sample_shop ();
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) json_ld = NULL;
  g_autoptr(GDateTime) tuesday = utc (2026, 11, 17, 10, 0);
  g_autoptr(GDateTime) spring = utc (2026, 3, 29, 12, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *status = NULL;
  g_autofree char *end_of_day = comptoir_time_format (1440);
  JsonArray *specs;
  guint open, close, n_ranges;
  gboolean found = FALSE;

  g_assert_cmpstr (end_of_day, ==, "24:00");
  g_assert_true (comptoir_time_parse ("0:00", &open));
  g_assert_true (comptoir_time_parse ("24:00", &close));
  /* Monday (2026-11-16) all day; Sunday 2026-03-29 (spring change) all day */
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_MONDAY, open, close, &error));
  g_assert_no_error (error);
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, open, close, &error));
  g_assert_no_error (error);
  /* and it takes the whole day: nothing else fits in it */
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_MONDAY, HM (23, 0), HM (23, 30), NULL));
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_SATURDAY, HM (22, 0), HM (1, 0), NULL));
  /* opening at 24:00 is not a time of the day */
  g_assert_false (comptoir_opening_hours_add_range (hours, G_DATE_TUESDAY, 1440, HM (2, 0), NULL));

  /* Paris is UTC+1 in November */
  g_assert_false (open_at_utc (hours, 2026, 11, 14, 22, 59)); /* Saturday 23:59 */
  g_assert_true (open_at_utc (hours, 2026, 11, 14, 23, 0));   /* Sunday 00:00 */
  g_assert_true (open_at_utc (hours, 2026, 11, 15, 22, 59));  /* Sunday 23:59 */
  g_assert_true (open_at_utc (hours, 2026, 11, 15, 23, 0));   /* Monday 00:00 */
  g_assert_true (open_at_utc (hours, 2026, 11, 16, 11, 0));   /* Monday 12:00 */
  g_assert_true (open_at_utc (hours, 2026, 11, 16, 22, 59));  /* Monday 23:59 */
  g_assert_false (open_at_utc (hours, 2026, 11, 16, 23, 0));  /* Tuesday 00:00 */
  assert_next_opening_utc (hours, tuesday, "2026-11-21 23:00"); /* Sunday 00:00 */
  status = comptoir_opening_hours_format_status (hours, tuesday);
  g_assert_cmpstr (status, ==, "Closed · opens Sunday at 0:00");

  /* open every day, all day: nothing to announce but that */
  {
    g_autoptr(ComptoirOpeningHours) always = comptoir_opening_hours_new ();
    g_autofree char *always_status = NULL;

    for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
      g_assert_true (comptoir_opening_hours_add_range (always, day, open, close, NULL));
    always_status = comptoir_opening_hours_format_status (always, tuesday);
    g_assert_cmpstr (always_status, ==, "Open now, day and night");
  }
  /* a day of 23 hours on the spring change: open from 00:00 to 24:00 Paris */
  g_assert_false (open_at_utc (hours, 2026, 3, 28, 22, 59)); /* Saturday 23:59 CET */
  g_assert_true (open_at_utc (hours, 2026, 3, 28, 23, 0));   /* Sunday 00:00 CET */
  g_assert_true (open_at_utc (hours, 2026, 3, 29, 21, 59));  /* Sunday 23:59 CEST */
  g_assert_true (open_at_utc (hours, 2026, 3, 30, 21, 59));  /* Monday 23:59 */
  g_assert_false (open_at_utc (hours, 2026, 3, 30, 22, 0));  /* Tuesday 00:00 */
  {
    g_autoptr(GDateTime) closing = comptoir_opening_hours_next_closing (hours, spring);
    g_autoptr(GDateTime) closing_utc = g_date_time_to_utc (closing);
    g_autofree char *text = g_date_time_format (closing_utc, "%Y-%m-%d %H:%M");

    /* Sunday runs into Monday: closes Monday at midnight */
    g_assert_cmpstr (text, ==, "2026-03-30 22:00");
  }

  /* stored and read back as it was */
  json = comptoir_opening_hours_to_json (hours);
  back = comptoir_opening_hours_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_true (comptoir_opening_hours_equal (hours, back));
  g_assert_cmpuint (comptoir_opening_hours_get_ranges (back, G_DATE_MONDAY, &n_ranges)[0].close, ==, 1440);
  g_assert_cmpuint (n_ranges, ==, 1);

  /* schema.org: closes at 23:59, as “until midnight” */
  comptoir_shop_set_opening_hours (shop, hours);
  json_ld = comptoir_shop_to_json_ld (shop, NULL);
  specs = json_object_get_array_member (json_node_get_object (json_ld), "openingHoursSpecification");
  g_assert_cmpuint (json_array_get_length (specs), ==, 2);
  for (guint i = 0; i < json_array_get_length (specs); i++)
    {
      JsonObject *spec = json_array_get_object_element (specs, i);

      g_assert_cmpstr (json_object_get_string_member (spec, "opens"), ==, "00:00");
      g_assert_cmpstr (json_object_get_string_member (spec, "closes"), ==, "23:59");
      found |= g_strcmp0 (json_object_get_string_member (spec, "dayOfWeek"), "https://schema.org/Monday") == 0;
    }
  g_assert_true (found);

  /* the exported page says 0:00–24:00 */
  html = comptoir_shop_export_html_string (shop, NULL, tuesday);
  g_assert_nonnull (strstr (html, "<span class=\"range\">0:00–24:00</span>"));
}

static void
test_siret (void)
{
  static const char *valid[] = {
    "732 829 320 00074",   /* Luhn */
    "73282932000074",
    "356 000 000 00048",   /* La Poste head office, Luhn holds too */
    "35600000049837",      /* a La Poste office: digit sum multiple of 5, Luhn fails */
  };
  static const char *invalid[] = {
    "73282932000075",      /* one digit wrong */
    "73282932000",         /* too short */
    "7328293200007A",
    "35600000049838",      /* La Poste, sum not a multiple of 5 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_autofree char *normalized = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (comptoir_validate_siret (valid[i], &normalized, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (normalized), ==, 14);
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (comptoir_validate_siret (invalid[i], NULL, &error));
      g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
      g_assert_cmpstr (error->message, !=, "");
    }
  g_assert_true (comptoir_validate_siret ("  ", NULL, NULL));
}

static void
test_postcode (void)
{
  g_autofree char *normalized = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (comptoir_validate_postcode (" 24200 ", &normalized, NULL));
  g_assert_cmpstr (normalized, ==, "24200");
  g_assert_true (comptoir_validate_postcode ("20000", NULL, NULL));  /* Ajaccio */
  g_assert_true (comptoir_validate_postcode ("97400", NULL, NULL));  /* Saint-Denis, Réunion */
  g_assert_true (comptoir_validate_postcode ("01000", NULL, NULL));
  g_assert_false (comptoir_validate_postcode ("2420", NULL, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (comptoir_validate_postcode ("00100", NULL, NULL));
  g_assert_false (comptoir_validate_postcode ("99000", NULL, NULL));
  g_assert_false (comptoir_validate_postcode ("2A004", NULL, NULL));
  g_assert_false (comptoir_validate_postcode ("242000", NULL, NULL));
}

static void
test_phone (void)
{
  static const char *same[] = {
    "06 12 34 56 78", "0612345678", "06.12.34.56.78", "06-12-34-56-78",
    "+33 6 12 34 56 78", "+33612345678", "0033 6 12 34 56 78", "+33 (0)6 12 34 56 78",
    "06\u00a012\u00a034\u00a056\u00a078",
  };

  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      g_autofree char *normalized = NULL;

      g_assert_true (comptoir_validate_phone (same[i], &normalized, NULL));
      g_assert_cmpstr (normalized, ==, "+33612345678");
    }
  {
    g_autofree char *landline = NULL;
    g_autofree char *national = NULL;
    g_autofree char *belgian = NULL;

    g_assert_true (comptoir_validate_phone ("05 53 12 34 56", &landline, NULL));
    g_assert_cmpstr (landline, ==, "+33553123456");
    national = comptoir_phone_format_national (landline);
    g_assert_cmpstr (national, ==, "05 53 12 34 56");
    g_assert_true (comptoir_validate_phone ("+32 2 123 45 67", &belgian, NULL));
    g_assert_cmpstr (belgian, ==, "+3221234567");
  }
  g_assert_false (comptoir_validate_phone ("06 12 34 56", NULL, NULL));
  g_assert_false (comptoir_validate_phone ("6 12 34 56 78", NULL, NULL));
  g_assert_false (comptoir_validate_phone ("06 12 34 56 78 9", NULL, NULL));
  g_assert_false (comptoir_validate_phone ("appelez-moi", NULL, NULL));
  g_assert_false (comptoir_validate_phone ("+33 6 12", NULL, NULL));
}

static void
test_email_website_social (void)
{
  g_autofree char *email = NULL;
  g_autofree char *site = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *social = NULL;

  g_assert_true (comptoir_validate_email (" Marie.Martin@Orange.FR ", &email, NULL));
  g_assert_cmpstr (email, ==, "Marie.Martin@orange.fr");
  g_assert_false (comptoir_validate_email ("marie.martin", NULL, NULL));
  g_assert_false (comptoir_validate_email ("marie@orange", NULL, NULL));
  g_assert_false (comptoir_validate_email ("marie martin@orange.fr", NULL, NULL));

  g_assert_true (comptoir_validate_website ("www.boulangerie-martin.fr", &site, NULL));
  g_assert_cmpstr (site, ==, "https://www.boulangerie-martin.fr");
  g_assert_true (comptoir_validate_website ("http://exemple.fr/page", &plain, NULL));
  g_assert_cmpstr (plain, ==, "http://exemple.fr/page");
  g_assert_false (comptoir_validate_website ("javascript:alert(1)", NULL, NULL));
  g_assert_false (comptoir_validate_website ("ftp://exemple.fr", NULL, NULL));
  g_assert_false (comptoir_validate_website ("boulangerie", NULL, NULL));

  g_assert_true (comptoir_validate_social_link ("instagram.com/boulangerie.martin", &social, NULL));
  g_assert_cmpstr (social, ==, "https://instagram.com/boulangerie.martin");
  g_assert_cmpstr (comptoir_social_link_network (social), ==, "Instagram");
  g_assert_cmpstr (comptoir_social_link_network ("https://www.facebook.com/x"), ==, "Facebook");
  g_assert_null (comptoir_social_link_network ("https://notfacebook.com/x"));
  g_assert_false (comptoir_validate_social_link ("@boulangerie", NULL, NULL));
}

static void
test_shop_store_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  g_autoptr(ComptoirShop) empty = NULL;
  g_autoptr(ComptoirShop) shop = comptoir_test_sample_shop ();
  g_autoptr(ComptoirShop) back = NULL;
  g_autoptr(ComptoirShop) copy = NULL;

  g_assert_no_error (error);
  empty = comptoir_shop_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_shop_get_name (empty), ==, "");
  g_assert_cmpstr (comptoir_shop_get_category (empty), ==, "other");
  g_assert_cmpuint (comptoir_shop_get_missing (empty) & COMPTOIR_SHOP_MISSING_HOURS, !=, 0);

  g_assert_true (comptoir_shop_save (store, shop, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_shop_get_updated_at (shop), !=, "");

  back = comptoir_shop_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comptoir_shop_get_name (back), ==, "Boulangerie Martin");
  g_assert_cmpstr (comptoir_shop_get_description (back), ==, comptoir_shop_get_description (shop));
  g_assert_cmpstr (comptoir_shop_get_city (back), ==, "Sarlat-la-Canéda");
  g_assert_cmpstr (comptoir_shop_get_siret (back), ==, "73282932000074");
  g_assert_true (g_strv_equal (comptoir_shop_get_social_links (back), comptoir_shop_get_social_links (shop)));
  g_assert_true (comptoir_opening_hours_equal (comptoir_shop_get_opening_hours (back),
                                               comptoir_shop_get_opening_hours (shop)));
  g_assert_true (comptoir_shop_get_click_and_collect (back));
  g_assert_true (comptoir_shop_get_delivery (back));
  g_assert_false (comptoir_shop_get_shipping (back));
  g_assert_cmpint (comptoir_shop_get_delivery_fee_cents (back), ==, 350);
  g_assert_cmpint (comptoir_shop_get_delivery_free_above_cents (back), ==, 3000);
  g_assert_true (g_strv_equal (comptoir_shop_get_delivery_communes (back), comptoir_shop_get_delivery_communes (shop)));
  g_assert_true (comptoir_shop_accepts_payment (back, "meal_voucher"));
  g_assert_false (comptoir_shop_accepts_payment (back, "cheque"));
  g_assert_cmpuint (comptoir_shop_get_missing (back), ==, COMPTOIR_SHOP_MISSING_LOGO | COMPTOIR_SHOP_MISSING_COVER);

  /* A logo that is not in the media table is refused, and nothing is written. */
  copy = comptoir_shop_copy (back);
  comptoir_shop_set_name (copy, "Autre nom");
  comptoir_shop_set_logo_hash (copy, "0000000000000000000000000000000000000000000000000000000000000000");
  g_assert_false (comptoir_shop_save (store, copy, &error));
  g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT);
  g_clear_object (&back);
  back = comptoir_shop_load (store, NULL);
  g_assert_cmpstr (comptoir_shop_get_name (back), ==, "Boulangerie Martin");
}

static void
test_markup (void)
{
  const char *text = "Depuis 1987, **au cœur** du village.\nOuvert à tous.\n\nNos pains :\n- le <seigle>\n- les **noix** & \"raisins\"\n\nÀ bientôt ** !";
  g_autofree char *html = comptoir_markup_to_html (text);
  g_autofree char *pango = comptoir_markup_to_pango (text);
  g_autofree char *plain = comptoir_markup_to_plain (text);

  g_assert_cmpstr (html, ==,
                   "<p>Depuis 1987, <strong>au cœur</strong> du village.<br>\nOuvert à tous.</p>\n"
                   "<p>Nos pains :</p>\n"
                   "<ul>\n<li>le &lt;seigle&gt;</li>\n<li>les <strong>noix</strong> &amp; &quot;raisins&quot;</li>\n</ul>\n"
                   "<p>À bientôt ** !</p>\n");
  g_assert_cmpstr (pango, ==,
                   "Depuis 1987, <b>au cœur</b> du village.\nOuvert à tous.\n\nNos pains :\n\n"
                   "• le &lt;seigle&gt;\n• les <b>noix</b> &amp; &quot;raisins&quot;\n\nÀ bientôt ** !");
  g_assert_cmpstr (plain, ==,
                   "Depuis 1987, au cœur du village.\nOuvert à tous.\n\nNos pains :\n\n"
                   "- le <seigle>\n- les noix & \"raisins\"\n\nÀ bientôt ** !");
  /* What we give Pango is well-formed markup, whatever was typed. */
  {
    static const GMarkupParser parser = { 0 };
    g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
    g_autofree char *nasty = comptoir_markup_to_pango ("**<b>** & </span> **x");
    g_autofree char *wrapped = g_strconcat ("<markup>", nasty, "</markup>", NULL);
    g_autoptr(GError) error = NULL;

    g_assert_true (g_markup_parse_context_parse (context, wrapped, -1, &error));
    g_assert_no_error (error);
  }
}

static JsonObject *
find_spec (JsonArray  *array,
           const char *day,
           const char *opens)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *spec = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (spec, "dayOfWeek", NULL), day) == 0 &&
          g_strcmp0 (json_object_get_string_member (spec, "opens"), opens) == 0)
        return spec;
    }
  return NULL;
}

static void
test_json_ld (void)
{
  g_autoptr(ComptoirShop) shop = comptoir_test_sample_shop ();
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_copy (comptoir_shop_get_opening_hours (shop));
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  JsonObject *root, *address, *spec, *offer;
  JsonArray *weekly, *special, *offers;

  /* a bar night on Friday to check the split at midnight */
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_FRIDAY, HM (21, 0), HM (1, 30), NULL));
  comptoir_shop_set_opening_hours (shop, hours);
  comptoir_shop_set_cover_hash (shop, "ab12");

  node = comptoir_shop_to_json_ld (shop, "https://annuaire.example/media/");
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "@context"), ==, "https://schema.org");
  g_assert_cmpstr (json_object_get_string_member (root, "@type"), ==, "Bakery");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "Boulangerie Martin");
  g_assert_cmpstr (json_object_get_string_member (root, "slogan"), ==, "Pain au levain, cuit au feu de bois");
  g_assert_null (strstr (json_object_get_string_member (root, "description"), "**"));
  g_assert_cmpstr (json_object_get_string_member (root, "telephone"), ==, "+33553123456");
  g_assert_cmpstr (json_object_get_string_member (root, "url"), ==, "https://www.boulangerie-martin.fr");
  g_assert_cmpstr (json_object_get_string_member (root, "image"), ==, "https://annuaire.example/media/ab12.jpg");
  g_assert_false (json_object_has_member (root, "logo"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "sameAs")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "identifier"), "value"), ==,
                   "73282932000074");

  address = json_object_get_object_member (root, "address");
  g_assert_cmpstr (json_object_get_string_member (address, "@type"), ==, "PostalAddress");
  g_assert_cmpstr (json_object_get_string_member (address, "streetAddress"), ==, "12 rue de la République");
  g_assert_cmpstr (json_object_get_string_member (address, "postalCode"), ==, "24200");
  g_assert_cmpstr (json_object_get_string_member (address, "addressLocality"), ==, "Sarlat-la-Canéda");
  g_assert_cmpstr (json_object_get_string_member (address, "addressCountry"), ==, "FR");

  weekly = json_object_get_array_member (root, "openingHoursSpecification");
  /* Tue–Sat twice a day, Sunday morning, Friday night split in two */
  g_assert_cmpuint (json_array_get_length (weekly), ==, 5 * 2 + 1 + 2);
  spec = find_spec (weekly, "https://schema.org/Tuesday", "07:00");
  g_assert_nonnull (spec);
  g_assert_cmpstr (json_object_get_string_member (spec, "@type"), ==, "OpeningHoursSpecification");
  g_assert_cmpstr (json_object_get_string_member (spec, "closes"), ==, "13:00");
  spec = find_spec (weekly, "https://schema.org/Friday", "21:00");
  g_assert_cmpstr (json_object_get_string_member (spec, "closes"), ==, "23:59");
  spec = find_spec (weekly, "https://schema.org/Saturday", "00:00");
  g_assert_nonnull (spec);
  g_assert_cmpstr (json_object_get_string_member (spec, "closes"), ==, "01:30");
  g_assert_null (find_spec (weekly, "https://schema.org/Monday", "07:00"));

  special = json_object_get_array_member (root, "specialOpeningHoursSpecification");
  g_assert_cmpuint (json_array_get_length (special), ==, 2);
  spec = json_array_get_object_element (special, 0);
  g_assert_cmpstr (json_object_get_string_member (spec, "validFrom"), ==, "2026-08-24");
  g_assert_cmpstr (json_object_get_string_member (spec, "validThrough"), ==, "2026-09-06");
  g_assert_cmpstr (json_object_get_string_member (spec, "opens"), ==, "00:00");
  g_assert_cmpstr (json_object_get_string_member (spec, "closes"), ==, "00:00");
  spec = json_array_get_object_element (special, 1);
  g_assert_cmpstr (json_object_get_string_member (spec, "validFrom"), ==, "2026-12-21");
  g_assert_cmpstr (json_object_get_string_member (spec, "opens"), ==, "08:00");
  g_assert_cmpstr (json_object_get_string_member (spec, "closes"), ==, "13:00");

  offers = json_object_get_array_member (root, "makesOffer");
  g_assert_cmpuint (json_array_get_length (offers), ==, 2);
  offer = json_array_get_object_element (offers, 1);
  g_assert_cmpstr (json_object_get_string_member (offer, "availableDeliveryMethod"), ==,
                   "http://purl.org/goodrelations/v1#DeliveryModeOwnFleet");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (offer, "areaServed")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (offer, "priceSpecification"), 0), "price"), ==, "3.50");
  g_assert_cmpstr (json_object_get_string_member (root, "paymentAccepted"), ==, "Credit Card, Cash, Titre-restaurant");

  /* Pure: the same shop gives the same document, whatever the locale. */
  again = comptoir_shop_to_json_ld (shop, "https://annuaire.example/media");
  text = json_to_string (node, FALSE);
  text_again = json_to_string (again, FALSE);
  g_assert_cmpstr (text, ==, text_again);

  /* Categories map to precise types. */
  g_assert_cmpstr (comptoir_shop_schema_type ("butcher"), ==, "ButcherShop");
  g_assert_cmpstr (comptoir_shop_schema_type ("bookshop"), ==, "BookStore");
  g_assert_cmpstr (comptoir_shop_schema_type ("other"), ==, "LocalBusiness");
}

static char *
extract_json_ld (const char *html)
{
  const char *open_tag = "<script type=\"application/ld+json\">";
  const char *start = strstr (html, open_tag);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (open_tag);
  end = strstr (start, "</script>");
  g_assert_nonnull (end);
  /* only one JSON-LD block */
  g_assert_null (strstr (end, open_tag));
  return g_strndup (start, end - start);
}

static void
test_export_escaping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  g_autoptr(ComptoirShop) shop = comptoir_test_sample_shop ();
  g_autoptr(GDateTime) tuesday = g_date_time_new_utc (2026, 11, 17, 10, 0, 0);
  g_autofree char *html = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = comptoir_test_tmp_path ("page.html");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *written = NULL;
  static const char *links[] = { "https://www.facebook.com/a\"onmouseover=\"alert(4)", NULL };
  JsonObject *root;

  g_assert_no_error (error);
  g_assert_true (comptoir_test_add_sample_images (store, shop, &error));
  g_assert_no_error (error);
  comptoir_shop_set_name (shop, "<script>alert(1)</script>");
  comptoir_shop_set_tagline (shop, "\"><img src=x onerror=alert(2)>");
  comptoir_shop_set_description (shop, "**</script><script>alert(3)</script>**\n- <b>gras</b>");
  comptoir_shop_set_city (shop, "Sarlat </script><!--");
  comptoir_shop_set_social_links (shop, links);

  html = comptoir_shop_export_html_string (shop, store, tuesday);

  /* shown as text */
  g_assert_nonnull (strstr (html, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
  g_assert_nonnull (strstr (html, "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
  g_assert_null (strstr (html, "<script>alert"));
  g_assert_null (strstr (html, "<img src=x"));
  g_assert_null (strstr (html, "<b>gras"));
  g_assert_nonnull (strstr (html, "<li>&lt;b&gt;gras&lt;/b&gt;</li>"));
  /* attributes too */
  g_assert_nonnull (strstr (html, "content=\"&quot;&gt;&lt;img src=x onerror=alert(2)&gt;\""));
  g_assert_null (strstr (strstr (html, "<body>"), "\"onmouseover"));
  g_assert_nonnull (strstr (html, "a&quot;onmouseover=&quot;alert(4)"));
  /* the only script elements are ours: JSON-LD and the “today” marker */
  {
    guint count = 0;
    for (const char *p = html; (p = strstr (p, "<script")) != NULL; p++)
      count++;
    g_assert_cmpuint (count, ==, 2);
  }
  /* images embedded, nothing fetched from elsewhere */
  g_assert_nonnull (strstr (html, "<img class=\"cover\" alt=\"\" src=\"data:image/jpeg;base64,"));
  g_assert_nonnull (strstr (html, "<img class=\"logo\" src=\"data:image/jpeg;base64,"));
  g_assert_null (strstr (html, "src=\"http"));
  /* Tuesday is marked as today */
  g_assert_nonnull (strstr (html, "<tr data-day=\"tuesday\" class=\"today\">"));
  /* a link to a map and a tel: link */
  g_assert_nonnull (strstr (html, "href=\"https://www.openstreetmap.org/search?query="));
  g_assert_nonnull (strstr (html, "href=\"tel:+33553123456\""));

  /* The JSON-LD cannot close its script element, and still parses. */
  json = extract_json_ld (html);
  g_assert_null (strstr (json, "</"));
  g_assert_null (strstr (json, "<!--"));
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "<script>alert(1)</script>");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "address"), "addressLocality"),
                   ==, "Sarlat </script><!--");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "address"), "postalCode"),
                   ==, "24200");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "openingHoursSpecification")), ==, 11);

  /* written to a file */
  g_assert_true (comptoir_shop_export_html (shop, store, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_true (g_str_has_prefix (written, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (written, "&lt;script&gt;alert(1)"));

  /* a hash is never a path */
  {
    g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 17, 10, 0, 0);
    g_autofree char *page = NULL;

    comptoir_shop_set_logo_hash (shop, "../../../../../../etc/passwd");
    page = comptoir_shop_export_html_string (shop, store, now);
    g_assert_null (strstr (page, "class=\"logo\""));
  }

  /* an unwritable place gives an error in words */
  {
    g_autoptr(GFile) nowhere = g_file_new_for_path ("/nonexistent-folder/page.html");

    g_assert_false (comptoir_shop_export_html (shop, store, nowhere, &error));
    g_assert_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED);
  }
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The page is the shop as it was when the export started, written off the
 * main thread; a cancelled export says so. */
static void
test_export_async (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ComptoirStore) store = comptoir_store_open (NULL, &error);
  g_autoptr(ComptoirShop) shop = comptoir_test_sample_shop ();
  g_autofree char *path = comptoir_test_tmp_path ("async.html");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_true (comptoir_test_add_sample_images (store, shop, &error));
  g_assert_no_error (error);
  comptoir_shop_export_html_async (shop, store, file, NULL, export_done_cb, &result);
  comptoir_shop_set_name (shop, "Changé pendant l’export");
  g_assert_true (comptoir_shop_export_html_finish (wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_nonnull (strstr (written, "<h1>Boulangerie Martin</h1>"));
  g_assert_null (strstr (written, "Changé"));
  g_assert_nonnull (strstr (written, "<img class=\"logo\" src=\"data:image/jpeg;base64,"));

  g_cancellable_cancel (cancellable);
  comptoir_shop_export_html_async (shop, store, file, cancellable, export_done_cb, &cancelled);
  g_assert_false (comptoir_shop_export_html_finish (wait_for_result (&cancelled), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_pointer (&written, g_free);
  g_assert_true (g_file_get_contents (path, &written, NULL, NULL));
  g_assert_null (strstr (written, "Changé"));
}

static void
test_hours_status_text (void)
{
  g_autoptr(ComptoirShop) shop = comptoir_test_sample_shop ();
  const ComptoirOpeningHours *hours = comptoir_shop_get_opening_hours (shop);
  g_autoptr(ComptoirOpeningHours) empty = comptoir_opening_hours_new ();
  struct { int d, h, m; const char *expected; } cases[] = {
    { 17, 10, 0, "Open now · closes at 13:00" },            /* Tuesday 11:00 in Paris */
    { 17, 12, 30, "Closed · opens at 15:30" },              /* Tuesday 13:30 */
    { 16, 10, 0, "Closed · opens tomorrow at 7:00" },       /* Monday */
    { 15, 20, 0, "Closed · opens Tuesday at 7:00" },        /* Sunday 21:00 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = utc (2026, 11, cases[i].d, cases[i].h, cases[i].m);
      g_autofree char *text = comptoir_opening_hours_format_status (hours, now);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  {
    g_autoptr(GDateTime) now = utc (2026, 11, 17, 10, 0);
    g_autofree char *text = comptoir_opening_hours_format_status (empty, now);

    g_assert_cmpstr (text, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  comptoir_test_init (&argc, &argv);

  g_test_add_func ("/shop/hours/overlaps-refused", test_hours_overlaps_refused);
  g_test_add_func ("/shop/hours/past-midnight", test_hours_past_midnight);
  g_test_add_func ("/shop/hours/exceptions-win", test_hours_exceptions_win);
  g_test_add_func ("/shop/hours/dst", test_hours_dst);
  g_test_add_func ("/shop/hours/time-parse", test_time_parse);
  g_test_add_func ("/shop/hours/status-text", test_hours_status_text);
  g_test_add_func ("/shop/hours/all-day", test_hours_all_day);
  g_test_add_func ("/shop/validate/siret", test_siret);
  g_test_add_func ("/shop/validate/postcode", test_postcode);
  g_test_add_func ("/shop/validate/phone", test_phone);
  g_test_add_func ("/shop/validate/email-website-social", test_email_website_social);
  g_test_add_func ("/shop/store/round-trip", test_shop_store_round_trip);
  g_test_add_func ("/shop/markup", test_markup);
  g_test_add_func ("/shop/json-ld", test_json_ld);
  g_test_add_func ("/shop/export/escaping", test_export_escaping);
  g_test_add_func ("/shop/export/async", test_export_async);

  return g_test_run ();
}
