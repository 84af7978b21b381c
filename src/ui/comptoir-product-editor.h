// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <adwaita.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PRODUCT_EDITOR (comptoir_product_editor_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirProductEditor, comptoir_product_editor, COMPTOIR, PRODUCT_EDITOR, AdwWindow)

ComptoirProductEditor *comptoir_product_editor_new      (GtkWindow              *parent,
                                                         ComptoirStore          *store,
                                                         gint64                  product_id,
                                                         GError                **error);
gboolean               comptoir_product_editor_is_valid (ComptoirProductEditor  *self);

G_END_DECLS
