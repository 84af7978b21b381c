// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The shop description is typed in a tiny, safe markup that the merchant
 * never has to learn (the editor's buttons write it):
 *
 *   - a blank line separates paragraphs; a single line break is kept;
 *   - a line starting with "- " (or "• ", "* ") is a list item;
 *   - **text** is bold.
 *
 * Anything else is text, escaped wherever it lands. */

char *comptoir_markup_to_html  (const char *text);
char *comptoir_markup_to_pango (const char *text);
char *comptoir_markup_to_plain (const char *text);
char *comptoir_html_escape     (const char *text);

G_END_DECLS
