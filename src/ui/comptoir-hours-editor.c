// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-hours-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "comptoir-hours-editor.h"

/* The weekly editor: one expandable row per day, whose switch says whether
 * the shop opens that day and whose rows are its time ranges; then the list
 * of closures and special openings with a form to add one.
 *
 * What is typed stays in the entries; the hours are only taken (and
 * “changed” emitted) when the whole week reads correctly, otherwise the
 * day says what is wrong. */

typedef struct _DayWidgets DayWidgets;

typedef struct
{
  DayWidgets  *day;
  GtkWidget   *row;
  GtkEditable *open;
  GtkEditable *close;
} RangeWidgets;

struct _DayWidgets
{
  ComptoirHoursEditor *self;
  GDateWeekday         weekday;
  AdwExpanderRow      *row;
  GtkWidget           *add_button;
  GtkWidget           *error_row;
  GtkLabel            *error_label;
  GPtrArray           *ranges; /* RangeWidgets */
};

struct _ComptoirHoursEditor
{
  AdwBin                parent_instance;

  ComptoirOpeningHours *hours;
  gboolean              loading;

  DayWidgets            days[7];
  AdwPreferencesGroup  *exceptions_group;
  GPtrArray            *exception_rows;
  AdwExpanderRow       *form_row;
  GtkEditable          *form_from;
  GtkEditable          *form_to;
  GtkSwitch            *form_closed;
  GtkWidget            *form_hours_row;
  GtkEditable          *form_hours;
  GtkEditable          *form_label;
  GtkLabel             *form_error;
};

G_DEFINE_FINAL_TYPE (ComptoirHoursEditor, comptoir_hours_editor, ADW_TYPE_BIN)

/* Titles here are plain text: “Click & collect” is not markup. */
static void
set_row_title (gpointer    row,
               const char *title)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
day_name (GDateWeekday day)
{
  static const char *names[7] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday")
  };
  return _(names[day - 1]);
}

static char *
ranges_summary (const ComptoirTimeRange *ranges,
                guint                    n)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *open = comptoir_time_format (ranges[i].open);
      g_autofree char *close = comptoir_time_format (ranges[i].close);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s–%s", open, close);
    }
  return g_string_free (out, FALSE);
}

/* A row holding an error message in the error style, hidden when empty. */
static GtkWidget *
error_row_new (GtkLabel **out_label)
{
  GtkWidget *row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, "visible", FALSE, NULL);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
  *out_label = GTK_LABEL (label);
  return row;
}

static void
show_error (GtkWidget  *row,
            GtkLabel   *label,
            const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (row, message != NULL);
}

static void
update_day_subtitle (DayWidgets *day)
{
  guint n;
  const ComptoirTimeRange *ranges = comptoir_opening_hours_get_ranges (day->self->hours, day->weekday, &n);
  g_autofree char *summary = NULL;

  if (!adw_expander_row_get_enable_expansion (day->row))
    adw_expander_row_set_subtitle (day->row, _("Closed"));
  else if (n == 0)
    adw_expander_row_set_subtitle (day->row, _("Add the opening hours of this day"));
  else
    {
      summary = ranges_summary (ranges, n);
      adw_expander_row_set_subtitle (day->row, summary);
    }
}

/* Reads the week from the entries. Returns FALSE, with the days saying
 * why, when something does not read. */
static gboolean
read_week (ComptoirHoursEditor  *self,
           ComptoirOpeningHours *hours)
{
  gboolean valid = TRUE;

  for (guint d = 0; d < 7; d++)
    {
      DayWidgets *day = &self->days[d];
      const char *message = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < day->ranges->len; i++)
        {
          RangeWidgets *range = g_ptr_array_index (day->ranges, i);
          const char *open_text = gtk_editable_get_text (range->open);
          const char *close_text = gtk_editable_get_text (range->close);
          guint open, close;
          gboolean open_ok = comptoir_time_parse (open_text, &open);
          gboolean close_ok = comptoir_time_parse (close_text, &close);

          /* “error” only on what is typed wrong, not on what is not typed yet */
          if (!open_ok && *open_text != '\0')
            gtk_widget_add_css_class (GTK_WIDGET (range->open), "error");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (range->open), "error");
          if (!close_ok && *close_text != '\0')
            gtk_widget_add_css_class (GTK_WIDGET (range->close), "error");
          else
            gtk_widget_remove_css_class (GTK_WIDGET (range->close), "error");

          if (!adw_expander_row_get_enable_expansion (day->row))
            continue;
          if (*open_text == '\0' && *close_text == '\0')
            continue; /* a blank range is not an error, nor hours */
          if (!open_ok || !close_ok)
            {
              if (message == NULL)
                message = (*open_text == '\0' || *close_text == '\0')
                          ? _("Write both the opening and the closing time.")
                          : _("Write times as 9:00 or 14h30.");
              valid = FALSE;
              continue;
            }
          if (message == NULL && !comptoir_opening_hours_add_range (hours, day->weekday, open, close, &error))
            {
              message = error->message;
              valid = FALSE;
            }
        }
      show_error (day->error_row, day->error_label, message);
    }
  return valid;
}

static void
emit_changed (ComptoirHoursEditor *self)
{
  for (guint d = 0; d < 7; d++)
    update_day_subtitle (&self->days[d]);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
week_changed (ComptoirHoursEditor *self)
{
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();

  if (self->loading)
    return;
  if (!read_week (self, hours))
    return;

  /* keep the exceptions as they are */
  for (guint i = 0; i < comptoir_opening_hours_get_n_exceptions (self->hours); i++)
    {
      const ComptoirHoursException *e = comptoir_opening_hours_get_exception (self->hours, i);

      comptoir_opening_hours_add_exception (hours, &e->from, &e->to, e->closed,
                                            (const ComptoirTimeRange *) e->ranges->data, e->ranges->len,
                                            e->label, NULL);
    }
  if (comptoir_opening_hours_equal (hours, self->hours))
    {
      for (guint d = 0; d < 7; d++)
        update_day_subtitle (&self->days[d]);
      return;
    }
  comptoir_opening_hours_free (self->hours);
  self->hours = g_steal_pointer (&hours);
  emit_changed (self);
}

static void
range_free (gpointer data)
{
  g_free (data);
}

static void
remove_range_cb (GtkButton    *button,
                 RangeWidgets *range)
{
  DayWidgets *day = range->day;

  adw_expander_row_remove (day->row, range->row);
  g_ptr_array_remove (day->ranges, range);
  week_changed (day->self);
}

static GtkEditable *
time_entry_new (const char *name,
                const char *placeholder,
                const char *accessible_label)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_widget_set_name (entry, name);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), placeholder);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 6);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  return GTK_EDITABLE (entry);
}

static RangeWidgets *
add_range_row (DayWidgets *day,
               const char *open_text,
               const char *close_text)
{
  RangeWidgets *range = g_new0 (RangeWidgets, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  guint index = day->ranges->len;
  g_autofree char *open_name = g_strdup_printf ("day-%d-open-%u", day->weekday, index);
  g_autofree char *close_name = g_strdup_printf ("day-%d-close-%u", day->weekday, index);
  g_autofree char *remove_name = g_strdup_printf ("day-%d-remove-%u", day->weekday, index);

  range->day = day;
  range->row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  range->open = time_entry_new (open_name, _("9:00"), _("Opens at"));
  range->close = time_entry_new (close_name, _("19:00"), _("Closes at"));

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("From")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (range->open));
  gtk_box_append (GTK_BOX (box), gtk_label_new (_("to")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (range->close));
  gtk_widget_set_hexpand (GTK_WIDGET (range->close), FALSE);
  gtk_widget_set_name (remove, remove_name);
  gtk_widget_set_tooltip_text (remove, _("Remove these hours"));
  gtk_widget_set_halign (remove, GTK_ALIGN_END);
  gtk_widget_set_hexpand (remove, TRUE);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_box_append (GTK_BOX (box), remove);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (range->row), box);

  gtk_editable_set_text (range->open, open_text ? open_text : "");
  gtk_editable_set_text (range->close, close_text ? close_text : "");
  g_signal_connect_swapped (range->open, "changed", G_CALLBACK (week_changed), day->self);
  g_signal_connect_swapped (range->close, "changed", G_CALLBACK (week_changed), day->self);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_range_cb), range);

  /* ranges go before the error row, which stays last */
  g_object_ref (day->error_row);
  adw_expander_row_remove (day->row, day->error_row);
  adw_expander_row_add_row (day->row, range->row);
  adw_expander_row_add_row (day->row, day->error_row);
  g_object_unref (day->error_row);
  g_ptr_array_add (day->ranges, range);
  return range;
}

static void
add_range_cb (GtkButton  *button,
              DayWidgets *day)
{
  RangeWidgets *range = add_range_row (day, NULL, NULL);

  adw_expander_row_set_expanded (day->row, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (range->open));
}

static void
day_enabled_cb (AdwExpanderRow *row,
                GParamSpec     *pspec,
                DayWidgets     *day)
{
  gboolean open = adw_expander_row_get_enable_expansion (row);

  gtk_widget_set_sensitive (day->add_button, open);
  if (day->self->loading)
    return;
  /* Opening a day with no hours yet: give an empty range to fill. */
  if (open && day->ranges->len == 0)
    add_range_cb (NULL, day);
  week_changed (day->self);
}

/* Exceptions */

/**
 * comptoir_parse_date:
 * @text: “24/12/2026”, “24.12.26”, “2026-12-24” or “24/12”
 * @not_before: (nullable): the earliest date meant by a day written
 *   without its year; %NULL for today
 * @date: (out): the date
 *
 * A day written without its year is the next one on or after
 * @not_before: on 20 December, “02/01” is next January, not a closure
 * already gone.
 *
 * Returns: whether @text is a date
 */
gboolean
comptoir_parse_date (const char  *text,
                     const GDate *not_before,
                     GDate       *date)
{
  int day, month, year;
  char tail;
  gboolean no_year = FALSE;
  GDate today;

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;
  if (sscanf (text, " %d/%d/%d %c", &day, &month, &year, &tail) == 3 ||
      sscanf (text, " %d.%d.%d %c", &day, &month, &year, &tail) == 3 ||
      (sscanf (text, " %d-%d-%d %c", &year, &month, &day, &tail) == 3 && year > 31))
    {
      if (year < 100)
        year += 2000;
    }
  else if (sscanf (text, " %d/%d %c", &day, &month, &tail) == 2)
    {
      if (not_before == NULL || !g_date_valid (not_before))
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();

          g_date_clear (&today, 1);
          g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                          (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
          not_before = &today;
        }
      year = g_date_get_year (not_before);
      no_year = TRUE;
    }
  else
    return FALSE;

  /* 29/02 written without a year is the next 29 February */
  for (int i = 0; no_year && i < 8 && month == 2 && day == 29 &&
                  !g_date_valid_dmy (29, G_DATE_FEBRUARY, (GDateYear) year); i++)
    year++;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (no_year && g_date_compare (date, not_before) < 0)
    {
      /* already gone this year: next year's */
      year++;
      while (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) && year < 9999)
        year++;
      g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  return TRUE;
}

/* “10:00–12:00, 14:00–18:00”, with -, – or “à” between the times. */
gboolean
comptoir_parse_ranges (const char *text,
                       GArray     *ranges)
{
  g_auto(GStrv) parts = g_regex_split_simple ("\\s*[,;]\\s*|\\s+et\\s+", text ? text : "", 0, 0);

  for (guint i = 0; parts[i]; i++)
    {
      g_auto(GStrv) times = NULL;
      ComptoirTimeRange range;
      guint open, close;

      if (g_strstrip (parts[i])[0] == '\0')
        continue;
      times = g_regex_split_simple ("\\s*(?:-|–|—|\\sà\\s)\\s*", parts[i], 0, 0);
      if (g_strv_length (times) != 2 || !comptoir_time_parse (times[0], &open) ||
          !comptoir_time_parse (times[1], &close))
        return FALSE;
      range.open = open;
      range.close = close;
      g_array_append_val (ranges, range);
    }
  return ranges->len > 0;
}

static void rebuild_exceptions (ComptoirHoursEditor *self);

static void
remove_exception_cb (GtkButton           *button,
                     ComptoirHoursEditor *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  comptoir_opening_hours_remove_exception (self->hours, index);
  rebuild_exceptions (self);
  emit_changed (self);
}

static void
rebuild_exceptions (ComptoirHoursEditor *self)
{
  for (guint i = 0; i < self->exception_rows->len; i++)
    adw_preferences_group_remove (self->exceptions_group, g_ptr_array_index (self->exception_rows, i));
  g_ptr_array_set_size (self->exception_rows, 0);

  for (guint i = 0; i < comptoir_opening_hours_get_n_exceptions (self->hours); i++)
    {
      const ComptoirHoursException *e = comptoir_opening_hours_get_exception (self->hours, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      char from[32], to[32];
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *name = g_strdup_printf ("exception-remove-%u", i);

      g_date_strftime (from, sizeof from, "%d/%m/%Y", &e->from);
      g_date_strftime (to, sizeof to, "%d/%m/%Y", &e->to);
      if (g_date_compare (&e->from, &e->to) == 0)
        title = g_strdup_printf (_("On %s"), from);
      else
        title = g_strdup_printf (C_("exception dates", "From %s to %s"), from, to);
      if (e->closed)
        subtitle = g_strdup (_("Closed"));
      else
        subtitle = ranges_summary ((const ComptoirTimeRange *) e->ranges->data, e->ranges->len);
      if (e->label && *e->label)
        {
          char *with_label = g_strdup_printf ("%s · %s", subtitle, e->label);
          g_free (subtitle);
          subtitle = with_label;
        }

      /* the label is the merchant's text: never markup */
      set_row_title (row, title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_name (remove, name);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove"));
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_exception_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

      adw_preferences_group_add (self->exceptions_group, row);
      g_ptr_array_add (self->exception_rows, row);
    }
  /* the form stays last */
  g_object_ref (self->form_row);
  adw_preferences_group_remove (self->exceptions_group, GTK_WIDGET (self->form_row));
  adw_preferences_group_add (self->exceptions_group, GTK_WIDGET (self->form_row));
  g_object_unref (self->form_row);
}

static void
add_exception_cb (GtkButton           *button,
                  ComptoirHoursEditor *self)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (ComptoirTimeRange));
  g_autoptr(GError) error = NULL;
  gboolean closed = gtk_switch_get_active (self->form_closed);
  const char *to_text = gtk_editable_get_text (self->form_to);
  GDate from, to;

  if (!comptoir_parse_date (gtk_editable_get_text (self->form_from), NULL, &from))
    {
      gtk_label_set_text (self->form_error, _("Write the first day as 24/12/2026."));
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->form_error)), TRUE);
      return;
    }
  if (strspn (to_text, " \t") == strlen (to_text))
    to = from;
  /* “28/12” to “03/01”: the last day comes after the first */
  else if (!comptoir_parse_date (to_text, &from, &to))
    {
      gtk_label_set_text (self->form_error, _("Write the last day as 26/12/2026, or leave it empty for a single day."));
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->form_error)), TRUE);
      return;
    }
  if (!closed && !comptoir_parse_ranges (gtk_editable_get_text (self->form_hours), ranges))
    {
      gtk_label_set_text (self->form_error, _("Write the hours as 10:00–12:00, 14:00–18:00."));
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->form_error)), TRUE);
      return;
    }

  if (!comptoir_opening_hours_add_exception (self->hours, &from, &to, closed,
                                             (const ComptoirTimeRange *) ranges->data, ranges->len,
                                             gtk_editable_get_text (self->form_label), &error))
    {
      gtk_label_set_text (self->form_error, error->message);
      gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->form_error)), TRUE);
      return;
    }

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->form_error)), FALSE);
  gtk_editable_set_text (self->form_from, "");
  gtk_editable_set_text (self->form_to, "");
  gtk_editable_set_text (self->form_hours, "");
  gtk_editable_set_text (self->form_label, "");
  rebuild_exceptions (self);
  emit_changed (self);
}

static GtkEditable *
form_entry (ComptoirHoursEditor *self,
            const char          *name,
            const char          *title)
{
  GtkWidget *row = adw_entry_row_new ();

  gtk_widget_set_name (row, name);
  set_row_title (row, title);
  adw_expander_row_add_row (self->form_row, row);
  return GTK_EDITABLE (row);
}

static void
closed_switch_cb (ComptoirHoursEditor *self)
{
  gtk_widget_set_visible (self->form_hours_row, !gtk_switch_get_active (self->form_closed));
}

static void
build (ComptoirHoursEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *week = adw_preferences_group_new ();
  GtkWidget *closed_row, *add_row, *add_button, *error_row;
  GtkLabel *error_label;

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (week), _("Opening hours"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (week),
                                         _("Switch on the days you open, then add their hours. Hours past midnight are fine: 19:00 to 2:00."));
  for (guint d = 0; d < 7; d++)
    {
      DayWidgets *day = &self->days[d];
      g_autofree char *name = g_strdup_printf ("day-%u", d + 1);
      g_autofree char *add_name = g_strdup_printf ("day-%u-add", d + 1);

      day->self = self;
      day->weekday = d + 1;
      day->ranges = g_ptr_array_new_with_free_func (range_free);
      day->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
      gtk_widget_set_name (GTK_WIDGET (day->row), name);
      set_row_title (day->row, day_name (day->weekday));
      adw_expander_row_set_show_enable_switch (day->row, TRUE);
      adw_expander_row_set_enable_expansion (day->row, FALSE);
      day->add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
      gtk_widget_set_name (day->add_button, add_name);
      gtk_widget_set_tooltip_text (day->add_button, _("Add hours to this day"));
      gtk_widget_set_valign (day->add_button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (day->add_button, "flat");
      gtk_widget_set_sensitive (day->add_button, FALSE);
      g_signal_connect (day->add_button, "clicked", G_CALLBACK (add_range_cb), day);
      adw_expander_row_add_action (day->row, day->add_button);
      day->error_row = error_row_new (&day->error_label);
      adw_expander_row_add_row (day->row, day->error_row);
      g_signal_connect (day->row, "notify::enable-expansion", G_CALLBACK (day_enabled_cb), day);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (week), GTK_WIDGET (day->row));
    }
  gtk_box_append (GTK_BOX (box), week);

  self->exceptions_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->exceptions_group, _("Closures and special openings"));
  adw_preferences_group_set_description (self->exceptions_group,
                                         _("Holidays, a Sunday before Christmas: these dates replace the weekly hours."));
  self->form_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->form_row), "exception-form");
  set_row_title (self->form_row, _("Add a closure or a special opening"));
  adw_expander_row_set_icon_name (self->form_row, "list-add-symbolic");
  self->form_from = form_entry (self, "exception-from", _("First day, as 24/12/2026"));
  self->form_to = form_entry (self, "exception-to", _("Last day (empty for a single day)"));
  closed_row = adw_action_row_new ();
  set_row_title (closed_row, _("Closed all day"));
  self->form_closed = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_name (GTK_WIDGET (self->form_closed), "exception-closed");
  gtk_switch_set_active (self->form_closed, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->form_closed), GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (closed_row), GTK_WIDGET (self->form_closed));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (closed_row), GTK_WIDGET (self->form_closed));
  adw_expander_row_add_row (self->form_row, closed_row);
  self->form_hours = form_entry (self, "exception-hours", _("Hours, as 10:00–12:00, 14:00–18:00"));
  self->form_hours_row = GTK_WIDGET (self->form_hours);
  gtk_widget_set_visible (self->form_hours_row, FALSE);
  g_signal_connect_swapped (self->form_closed, "notify::active", G_CALLBACK (closed_switch_cb), self);
  self->form_label = form_entry (self, "exception-label", _("What for (optional)"));
  error_row = error_row_new (&error_label);
  self->form_error = error_label;
  adw_expander_row_add_row (self->form_row, error_row);
  add_row = g_object_new (ADW_TYPE_PREFERENCES_ROW, "activatable", FALSE, NULL);
  add_button = gtk_button_new_with_label (_("Add these dates"));
  gtk_widget_set_name (add_button, "exception-add");
  gtk_widget_set_halign (add_button, GTK_ALIGN_END);
  gtk_widget_set_margin_top (add_button, 6);
  gtk_widget_set_margin_bottom (add_button, 6);
  gtk_widget_set_margin_end (add_button, 12);
  gtk_widget_add_css_class (add_button, "suggested-action");
  g_signal_connect (add_button, "clicked", G_CALLBACK (add_exception_cb), self);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (add_row), add_button);
  adw_expander_row_add_row (self->form_row, add_row);
  adw_preferences_group_add (self->exceptions_group, GTK_WIDGET (self->form_row));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->exceptions_group));

  adw_bin_set_child (ADW_BIN (self), box);
}

static void
comptoir_hours_editor_finalize (GObject *object)
{
  ComptoirHoursEditor *self = COMPTOIR_HOURS_EDITOR (object);

  for (guint d = 0; d < 7; d++)
    g_clear_pointer (&self->days[d].ranges, g_ptr_array_unref);
  g_clear_pointer (&self->exception_rows, g_ptr_array_unref);
  g_clear_pointer (&self->hours, comptoir_opening_hours_free);

  G_OBJECT_CLASS (comptoir_hours_editor_parent_class)->finalize (object);
}

static void
comptoir_hours_editor_class_init (ComptoirHoursEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = comptoir_hours_editor_finalize;

  /**
   * ComptoirHoursEditor::changed:
   *
   * The hours read correctly and differ from before; get them with
   * comptoir_hours_editor_get_hours().
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
comptoir_hours_editor_init (ComptoirHoursEditor *self)
{
  self->hours = comptoir_opening_hours_new ();
  self->exception_rows = g_ptr_array_new ();
  build (self);
  for (guint d = 0; d < 7; d++)
    update_day_subtitle (&self->days[d]);
}

GtkWidget *
comptoir_hours_editor_new (void)
{
  return g_object_new (COMPTOIR_TYPE_HOURS_EDITOR, NULL);
}

/**
 * comptoir_hours_editor_set_hours:
 *
 * Shows @hours, replacing whatever is typed.
 */
void
comptoir_hours_editor_set_hours (ComptoirHoursEditor        *self,
                                 const ComptoirOpeningHours *hours)
{
  g_return_if_fail (COMPTOIR_IS_HOURS_EDITOR (self));
  g_return_if_fail (hours != NULL);

  self->loading = TRUE;
  comptoir_opening_hours_free (self->hours);
  self->hours = comptoir_opening_hours_copy (hours);

  for (guint d = 0; d < 7; d++)
    {
      DayWidgets *day = &self->days[d];
      guint n;
      const ComptoirTimeRange *ranges = comptoir_opening_hours_get_ranges (hours, day->weekday, &n);

      for (guint i = 0; i < day->ranges->len; i++)
        adw_expander_row_remove (day->row, ((RangeWidgets *) g_ptr_array_index (day->ranges, i))->row);
      g_ptr_array_set_size (day->ranges, 0);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *open = comptoir_time_format (ranges[i].open);
          g_autofree char *close = comptoir_time_format (ranges[i].close);

          add_range_row (day, open, close);
        }
      adw_expander_row_set_enable_expansion (day->row, n > 0);
      gtk_widget_set_sensitive (day->add_button, n > 0);
      show_error (day->error_row, day->error_label, NULL);
      update_day_subtitle (day);
    }
  rebuild_exceptions (self);
  self->loading = FALSE;
}

const ComptoirOpeningHours *
comptoir_hours_editor_get_hours (ComptoirHoursEditor *self)
{
  g_return_val_if_fail (COMPTOIR_IS_HOURS_EDITOR (self), NULL);

  return self->hours;
}

GtkWidget *
comptoir_hours_editor_get_first_day_row (ComptoirHoursEditor *self)
{
  g_return_val_if_fail (COMPTOIR_IS_HOURS_EDITOR (self), NULL);

  return GTK_WIDGET (self->days[0].row);
}
