// A multi-node OpenSearch cluster in one JVM (the runner of contracts.md §5) that can lose a node
// on request, for bench/engine_failover.py. Run with Java's source launcher:
//   java -cp ".cache/opensearch/lib/*" scripts/SearchCluster.java BASE_PATH NODES BASE_HTTP_PORT
// Prints "ready" once the cluster is yellow; reads commands on stdin: "stop N" closes node N
// (0-based, as the runner numbers them), "quit" stops the cluster.
import java.io.BufferedReader;
import java.io.InputStreamReader;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public class SearchCluster {
    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.build(OpenSearchRunner.newConfigs().basePath(args[0]).numOfNode(Integer.parseInt(args[1]))
                .baseHttpPort(Integer.parseInt(args[2])).clusterName("portal-failover").printOnFailure());
        runner.ensureYellow();
        System.out.println("ready");
        System.out.flush();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in));
        String line;
        while ((line = commands.readLine()) != null) {
            if (line.startsWith("stop ")) {
                int node = Integer.parseInt(line.substring(5).trim());
                runner.getNode(node).close();
                System.out.println("stopped " + node);
                System.out.flush();
            } else if (line.equals("quit")) {
                break;
            }
        }
        runner.close();
        runner.clean();
    }
}
