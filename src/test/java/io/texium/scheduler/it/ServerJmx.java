package io.texium.scheduler.it;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * A JMX connection to the local Payara Micro whose timers MBean names the given instance, as JConsole makes one: the
 * JDK's attach API starts the server JVM's local management agent (no port, local user only) and gives its address.
 */
record ServerJmx(JMXConnector connector) implements AutoCloseable {

    static ServerJmx connect(String instanceId) throws Exception {
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            if (!vm.displayName().contains("payara-micro")) {
                continue;
            }
            JMXConnector connector = null;
            try {
                VirtualMachine attached = VirtualMachine.attach(vm);
                String address;
                try {
                    address = attached.startLocalManagementAgent();
                } finally {
                    attached.detach();
                }
                connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
                Object id = connector.getMBeanServerConnection()
                        .getAttribute(new ObjectName("io.texium.scheduler:type=Timers"), "InstanceId");
                if (instanceId.equals(id)) {
                    return new ServerJmx(connector);
                }
                connector.close();
            } catch (Exception otherServer) {
                if (connector != null) {
                    connector.close();
                }
            }
        }
        throw new IllegalStateException("no local Payara Micro shows the timers MBean of instance " + instanceId);
    }

    MBeanServerConnection connection() throws IOException {
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
