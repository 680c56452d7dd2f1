#ifndef PREVENTKIT_CLINEARALGEBRA_SHIM_H
#define PREVENTKIT_CLINEARALGEBRA_SHIM_H

#include <cblas.h>
#include <lapacke.h>

#endif
