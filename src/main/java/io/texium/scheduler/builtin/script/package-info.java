/** The CustomScript job: runs an executable from {@code texium.scripts.dir}, confined to it and to a time limit. */
package io.texium.scheduler.builtin.script;
