// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-opening-hours.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_HOURS_EDITOR (comptoir_hours_editor_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirHoursEditor, comptoir_hours_editor, COMPTOIR, HOURS_EDITOR, AdwBin)

GtkWidget                  *comptoir_hours_editor_new       (void);
void                        comptoir_hours_editor_set_hours (ComptoirHoursEditor        *self,
                                                             const ComptoirOpeningHours *hours);
const ComptoirOpeningHours *comptoir_hours_editor_get_hours (ComptoirHoursEditor        *self);
GtkWidget                  *comptoir_hours_editor_get_first_day_row (ComptoirHoursEditor *self);

gboolean                    comptoir_parse_date             (const char                 *text,
                                                             const GDate                *not_before,
                                                             GDate                      *date);
gboolean                    comptoir_parse_ranges           (const char                 *text,
                                                             GArray                     *ranges);

G_END_DECLS
