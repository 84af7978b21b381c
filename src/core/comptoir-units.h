// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Selling units, stored by id: "piece", "kg", "100g", "litre", "bunch", "lot". */
const char * const *comptoir_units_get_ids    (void);
const char         *comptoir_unit_get_label   (const char *id);
const char         *comptoir_unit_from_text   (const char *text);

G_END_DECLS
