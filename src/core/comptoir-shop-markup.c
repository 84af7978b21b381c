// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-markup"

#include <string.h>

#include "comptoir-shop-markup.h"

typedef enum
{
  OUTPUT_HTML,
  OUTPUT_PANGO,
  OUTPUT_PLAIN,
} Output;

/**
 * comptoir_html_escape:
 *
 * Escapes @text for HTML text and for attribute values in double or single
 * quotes.
 *
 * Returns: (transfer full): the escaped text
 */
char *
comptoir_html_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text ? text : ""; *p; p++)
    switch (*p)
      {
      case '&': g_string_append (out, "&amp;"); break;
      case '<': g_string_append (out, "&lt;"); break;
      case '>': g_string_append (out, "&gt;"); break;
      case '"': g_string_append (out, "&quot;"); break;
      case '\'': g_string_append (out, "&#39;"); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static void
append_escaped (GString    *out,
                Output      output,
                const char *text,
                gssize      len)
{
  g_autofree char *chunk = g_strndup (text, len < 0 ? strlen (text) : (gsize) len);
  g_autofree char *escaped = NULL;

  if (output == OUTPUT_PLAIN)
    {
      g_string_append (out, chunk);
      return;
    }
  /* g_markup_escape_text() is right for Pango; HTML gets quotes too. */
  escaped = output == OUTPUT_HTML ? comptoir_html_escape (chunk) : g_markup_escape_text (chunk, -1);
  g_string_append (out, escaped);
}

/* **bold** within one line; a lone ** stays as typed. */
static void
append_inline (GString    *out,
               Output      output,
               const char *line)
{
  const char *p = line;

  while (*p)
    {
      const char *start = strstr (p, "**");
      const char *end = start ? strstr (start + 2, "**") : NULL;

      if (start == NULL || end == NULL || end == start + 2)
        {
          append_escaped (out, output, p, -1);
          return;
        }
      append_escaped (out, output, p, start - p);
      if (output != OUTPUT_PLAIN)
        g_string_append (out, output == OUTPUT_HTML ? "<strong>" : "<b>");
      append_escaped (out, output, start + 2, end - start - 2);
      if (output != OUTPUT_PLAIN)
        g_string_append (out, output == OUTPUT_HTML ? "</strong>" : "</b>");
      p = end + 2;
    }
}

static const char *
list_item_text (const char *line)
{
  while (*line == ' ' || *line == '\t')
    line++;
  if ((line[0] == '-' || line[0] == '*') && line[1] == ' ')
    return line + 2;
  if (g_str_has_prefix (line, "• "))
    return line + strlen ("• ");
  return NULL;
}

static gboolean
is_blank (const char *line)
{
  for (; *line; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static char *
render (const char *text,
        Output      output)
{
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);
  enum { NONE, PARAGRAPH, LIST } block = NONE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_string_free (out, FALSE);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *line = g_strchomp (lines[i]); /* also drops \r */
      const char *item = list_item_text (line);

      if (is_blank (line) || item != NULL)
        {
          /* close the paragraph or list in progress when it ends */
          if (block == PARAGRAPH || (block == LIST && item == NULL))
            {
              if (output == OUTPUT_HTML)
                g_string_append (out, block == LIST ? "</ul>\n" : "</p>\n");
              block = NONE;
            }
        }
      if (is_blank (line))
        continue;

      if (item != NULL)
        {
          if (block == NONE)
            {
              if (out->len > 0 && output != OUTPUT_HTML)
                g_string_append (out, "\n\n");
              if (output == OUTPUT_HTML)
                g_string_append (out, "<ul>\n");
              block = LIST;
            }
          else if (output != OUTPUT_HTML)
            g_string_append_c (out, '\n');
          if (output == OUTPUT_HTML)
            g_string_append (out, "<li>");
          else
            g_string_append (out, output == OUTPUT_PANGO ? "• " : "- ");
          append_inline (out, output, item);
          if (output == OUTPUT_HTML)
            g_string_append (out, "</li>\n");
          continue;
        }

      if (block == LIST)
        {
          if (output == OUTPUT_HTML)
            g_string_append (out, "</ul>\n");
          block = NONE;
        }
      if (block == NONE)
        {
          if (out->len > 0 && output != OUTPUT_HTML)
            g_string_append (out, "\n\n");
          if (output == OUTPUT_HTML)
            g_string_append (out, "<p>");
          block = PARAGRAPH;
        }
      else
        g_string_append (out, output == OUTPUT_HTML ? "<br>\n" : "\n");
      append_inline (out, output, g_strstrip (line));
    }

  if (output == OUTPUT_HTML && block != NONE)
    g_string_append (out, block == LIST ? "</ul>\n" : "</p>\n");

  return g_string_free (out, FALSE);
}

/**
 * comptoir_markup_to_html:
 *
 * Returns: (transfer full): the description as HTML blocks (p, ul, strong),
 *   all text escaped.
 */
char *
comptoir_markup_to_html (const char *text)
{
  return render (text, OUTPUT_HTML);
}

/**
 * comptoir_markup_to_pango:
 *
 * Returns: (transfer full): the description as Pango markup for a GtkLabel,
 *   all text escaped.
 */
char *
comptoir_markup_to_pango (const char *text)
{
  return render (text, OUTPUT_PANGO);
}

/**
 * comptoir_markup_to_plain:
 *
 * Returns: (transfer full): the description as plain text (no ** marks),
 *   for schema.org and platforms that take text.
 */
char *
comptoir_markup_to_plain (const char *text)
{
  return render (text, OUTPUT_PLAIN);
}
