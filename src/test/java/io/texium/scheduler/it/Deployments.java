package io.texium.scheduler.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR under test: the very artifact {@code mvn package} built, so the tests see what users deploy. */
final class Deployments {

    private Deployments() {
    }

    static WebArchive war() {
        File war = new File(System.getProperty("texium.war", "target/texium-scheduler.war"));
        return ShrinkWrap.create(ZipImporter.class, "texium-scheduler.war").importFrom(war).as(WebArchive.class);
    }
}
