// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-opening-hours"

#include "comptoir-i18n.h"

#include <stdio.h>
#include <string.h>

#include "comptoir-error.h"
#include "comptoir-opening-hours.h"

/* Opening hours as text: times as people type them, and the JSON document
 * of the shop table, read back through the same checks as typing. Only
 * the public API of comptoir-opening-hours.h is used here. */

static const char *day_keys[7] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

/* Times as people write them: 9:00, 09:00, 9h, 9h30, 9 h 30, 9.30, 24:00. */
gboolean
comptoir_time_parse (const char *text,
                     guint      *out_minutes)
{
  guint64 hours = 0, minutes = 0;
  const char *p = text;
  int digits = 0;

  g_return_val_if_fail (out_minutes != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  while (g_ascii_isdigit (*p) && digits < 3)
    hours = hours * 10 + (guint64) (*p++ - '0'), digits++;
  if (digits == 0 || digits > 2)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (*p == ':' || *p == 'h' || *p == 'H' || *p == '.')
    {
      p++;
      while (g_ascii_isspace (*p))
        p++;
      digits = 0;
      while (g_ascii_isdigit (*p) && digits < 3)
        minutes = minutes * 10 + (guint64) (*p++ - '0'), digits++;
      if (digits != 0 && digits != 2)
        return FALSE;
    }
  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0' || minutes > 59 || hours > 24 || (hours == 24 && minutes != 0))
    return FALSE;

  /* 24:00 is the end of the day (close = 1440): 0:00–24:00 is a whole
   * day open, which 0:00–0:00 could not say. */
  *out_minutes = (guint) (hours * 60 + minutes);
  return TRUE;
}

/**
 * comptoir_time_format:
 *
 * Returns: (transfer full): “9:00”, “19:30”: the way it is written in
 *   French shops and in schema.org once zero-padded.
 */
char *
comptoir_time_format (guint minutes)
{
  if (minutes == 24 * 60)
    return g_strdup ("24:00"); /* the end of the day, as a closing time */
  return g_strdup_printf ("%u:%02u", (minutes / 60) % 24, minutes % 60);
}

/* JSON, as stored in the shop table:
 * { "weekly": { "monday": [["09:00", "12:00"], …], … },
 *   "exceptions": [ { "from": "2026-12-24", "to": "2026-12-26",
 *                     "closed": true, "label": "Noël", "ranges": [] } ] } */

static JsonNode *
ranges_to_json (const ComptoirTimeRange *ranges,
                guint                    n_ranges)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < n_ranges; i++)
    {
      const ComptoirTimeRange *range = &ranges[i];
      JsonArray *pair = json_array_new ();
      g_autofree char *open = g_strdup_printf ("%02u:%02u", range->open / 60, range->open % 60);
      g_autofree char *close = g_strdup_printf ("%02u:%02u", range->close / 60, range->close % 60);

      json_array_add_string_element (pair, open);
      json_array_add_string_element (pair, close);
      json_array_add_array_element (array, pair);
    }
  return json_node_init_array (json_node_alloc (), array);
}

static char *
date_to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

JsonNode *
comptoir_opening_hours_to_json (const ComptoirOpeningHours *self)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *weekly = json_object_new ();
  JsonArray *exceptions = json_array_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint d = 0; d < 7; d++)
    {
      guint n;
      const ComptoirTimeRange *ranges = comptoir_opening_hours_get_ranges (self, d + 1, &n);

      json_object_set_member (weekly, day_keys[d], ranges_to_json (ranges, n));
    }
  json_object_set_object_member (root, "weekly", weekly);

  for (guint i = 0; i < comptoir_opening_hours_get_n_exceptions (self); i++)
    {
      const ComptoirHoursException *exception = comptoir_opening_hours_get_exception (self, i);
      JsonObject *object = json_object_new ();
      g_autofree char *from = date_to_iso (&exception->from);
      g_autofree char *to = date_to_iso (&exception->to);

      json_object_set_string_member (object, "from", from);
      json_object_set_string_member (object, "to", to);
      json_object_set_boolean_member (object, "closed", exception->closed);
      json_object_set_string_member (object, "label", exception->label);
      json_object_set_member (object, "ranges", ranges_to_json ((const ComptoirTimeRange *) exception->ranges->data, exception->ranges->len));
      json_array_add_object_element (exceptions, object);
    }
  json_object_set_array_member (root, "exceptions", exceptions);

  return json_node_init_object (json_node_alloc (), root);
}

static gboolean
parse_iso_date (const char *text,
                GDate      *date)
{
  guint year, month, day;
  char tail;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &tail) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static gpointer
set_unreadable (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT,
                       _("The saved opening hours cannot be read. Enter them again."));
  return NULL;
}

static gboolean
parse_ranges (JsonNode  *node,
              GArray    *out,
              GError   **error)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    goto bad;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      ComptoirTimeRange range;
      guint open, close;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (json_node_get_array (pair)) != 2 ||
          json_node_get_value_type (json_array_get_element (json_node_get_array (pair), 0)) != G_TYPE_STRING ||
          json_node_get_value_type (json_array_get_element (json_node_get_array (pair), 1)) != G_TYPE_STRING ||
          !comptoir_time_parse (json_array_get_string_element (json_node_get_array (pair), 0), &open) ||
          !comptoir_time_parse (json_array_get_string_element (json_node_get_array (pair), 1), &close))
        goto bad;
      range.open = open;
      range.close = close;
      g_array_append_val (out, range);
    }
  return TRUE;

bad:
  set_unreadable (error);
  return FALSE;
}

/**
 * comptoir_opening_hours_from_json:
 * @node: what comptoir_opening_hours_to_json() wrote; an empty object is an
 *   empty plan
 * @error: a #GError
 *
 * Reads opening hours back, checking them as if they were typed again.
 *
 * Returns: (transfer full) (nullable): the opening hours
 */
ComptoirOpeningHours *
comptoir_opening_hours_from_json (JsonNode  *node,
                                  GError   **error)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  JsonObject *root;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return set_unreadable (error);
  root = json_node_get_object (node);

  if (json_object_has_member (root, "weekly"))
    {
      JsonNode *weekly = json_object_get_member (root, "weekly");

      if (!JSON_NODE_HOLDS_OBJECT (weekly))
        return set_unreadable (error);
      for (guint d = 0; d < 7; d++)
        {
          g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ComptoirTimeRange));
          JsonNode *day = json_object_get_member (json_node_get_object (weekly), day_keys[d]);

          if (day == NULL)
            continue;
          if (!parse_ranges (day, ranges, error))
            return NULL;
          for (guint i = 0; i < ranges->len; i++)
            {
              const ComptoirTimeRange *range = &g_array_index (ranges, ComptoirTimeRange, i);

              if (!comptoir_opening_hours_add_range (hours, d + 1, range->open, range->close, error))
                return NULL;
            }
        }
    }

  if (json_object_has_member (root, "exceptions"))
    {
      JsonNode *list = json_object_get_member (root, "exceptions");

      if (!JSON_NODE_HOLDS_ARRAY (list))
        return set_unreadable (error);
      for (guint i = 0; i < json_array_get_length (json_node_get_array (list)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (list), i);
          g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ComptoirTimeRange));
          JsonObject *object;
          GDate from, to;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            return set_unreadable (error);
          object = json_node_get_object (item);
          if (!parse_iso_date (json_object_get_string_member_with_default (object, "from", NULL), &from) ||
              !parse_iso_date (json_object_get_string_member_with_default (object, "to", NULL), &to) ||
              (json_object_has_member (object, "ranges") &&
               !parse_ranges (json_object_get_member (object, "ranges"), ranges, NULL)))
            return set_unreadable (error);
          if (!comptoir_opening_hours_add_exception (hours, &from, &to,
                                                     json_object_get_boolean_member_with_default (object, "closed", TRUE),
                                                     (const ComptoirTimeRange *) ranges->data, ranges->len,
                                                     json_object_get_string_member_with_default (object, "label", ""),
                                                     error))
            return NULL;
        }
    }

  return g_steal_pointer (&hours);
}
