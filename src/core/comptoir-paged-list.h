// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <gio/gio.h>

#include "comptoir-store.h"

G_BEGIN_DECLS

#define COMPTOIR_TYPE_PAGED_LIST (comptoir_paged_list_get_type ())
G_DECLARE_FINAL_TYPE (ComptoirPagedList, comptoir_paged_list, COMPTOIR, PAGED_LIST, GObject)

void   comptoir_paged_list_reload          (ComptoirPagedList *self);
guint  comptoir_paged_list_get_n_cached    (ComptoirPagedList *self);

G_END_DECLS
