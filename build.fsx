// CommunityCluster's build script: `dotnet fsi build.fsx <target>`.
// A plain F# script with no package references, so it runs on a fresh machine with only the SDK
// (FAKE 6 does not restore here; see DESIGN.md fact 12).
//
//   build      compile the solution (Release)
//   format     check formatting and style (dotnet format --verify-no-changes)
//   test       prerequisites, build, then every test project one at a time; prints "N passed, N failed"
//   community  a lighthouse and three nodes on this machine; Ctrl-C stops them gracefully
//   help       this list

open System
open System.Diagnostics
open System.IO
open System.Text.RegularExpressions
open System.Xml.Linq

let root = __SOURCE_DIRECTORY__
let configuration = Environment.GetEnvironmentVariable "CONFIGURATION" |> Option.ofObj |> Option.defaultValue "Release"

let run (program: string) (args: string list) =
    printfn "> %s %s" program (String.concat " " args)
    let start = ProcessStartInfo(program, args, WorkingDirectory = root, UseShellExecute = false)
    use proc = Process.Start start
    proc.WaitForExit()
    proc.ExitCode

let runOrFail program args =
    let code = run program args
    if code <> 0 then failwithf "%s %s failed with exit code %d" program (String.concat " " args) code

let build () = runOrFail "dotnet" [ "build"; "CommunityCluster.sln"; "-c"; configuration; "-nologo"; "-v"; "minimal" ]

let format () = runOrFail "dotnet" [ "format"; "CommunityCluster.sln"; "--verify-no-changes"; "-v"; "minimal" ]

/// What the tests need from the machine. Installed only when missing, and only as root (CI).
let prerequisites () =
    let missing =
        [ "ip", "iproute2"; "tc", "iproute2" ]
        |> List.filter (fun (command, _) -> run "sh" [ "-c"; sprintf "command -v %s >/dev/null" command ] <> 0)
        |> List.map snd
        |> List.distinct
    match missing with
    | [] -> ()
    | packages when Environment.UserName = "root" ->
        runOrFail "apt-get" [ "update"; "-qq" ]
        runOrFail "apt-get" ([ "install"; "-y"; "-qq"; "--no-install-recommends" ] @ packages)
    | packages -> printfn "note: not root, so not installing %s; tests that need them say so" (String.concat ", " packages)

/// Light projects first, the multi-process ones last; one project at a time, since the heavy
/// tests start real clusters and the machines have two cores.
let testProjects =
    [ "CommunityCluster.Core.Tests"
      "CommunityCluster.Metadata.Tests"
      "CommunityCluster.DurableStore.Tests"
      "CommunityCluster.Discovery.Tests"
      "CommunityCluster.Hosting.Tests"
      "CommunityCluster.Photos.Tests"
      "CommunityCluster.Meta.Tests"
      "CommunityCluster.Node.Tests" ]

type Counts = { Passed: int; Failed: int; Skipped: int }

let countsOf (trx: string) =
    let doc = XDocument.Load trx
    let counters = doc.Descendants() |> Seq.find (fun e -> e.Name.LocalName = "Counters")
    let value name = counters.Attribute(XName.Get name) |> Option.ofObj |> Option.map (fun a -> int a.Value) |> Option.defaultValue 0
    { Passed = value "passed"; Failed = value "failed" + value "error" + value "timeout" + value "aborted"
      Skipped = value "notExecuted" }

let test () =
    prerequisites ()
    build ()
    let results = Path.Combine(root, "artifacts", "test-results")
    if Directory.Exists results then Directory.Delete(results, true)
    let outcomes =
        [ for project in testProjects do
            let trx = Path.Combine(results, project + ".trx")
            let code =
                run "dotnet" [ "test"; Path.Combine("tests", project); "-c"; configuration; "--no-build"; "-nologo"
                               "--logger"; sprintf "trx;LogFileName=%s" trx; "--logger"; "console;verbosity=normal"
                               "--results-directory"; results ]
            let counts = if File.Exists trx then countsOf trx else { Passed = 0; Failed = 1; Skipped = 0 }
            printfn "%s: %d passed, %d failed, %d skipped (exit %d)" project counts.Passed counts.Failed counts.Skipped code
            yield project, code, counts ]
    let total = outcomes |> List.fold (fun acc (_, _, c) -> { Passed = acc.Passed + c.Passed; Failed = acc.Failed + c.Failed; Skipped = acc.Skipped + c.Skipped }) { Passed = 0; Failed = 0; Skipped = 0 }
    let broken = outcomes |> List.filter (fun (_, code, c) -> code <> 0 || c.Failed > 0) |> List.map (fun (p, _, _) -> p)
    printfn ""
    if not broken.IsEmpty then printfn "failing projects: %s" (String.concat ", " broken)
    printfn "%d passed, %d failed, %d skipped" total.Passed total.Failed total.Skipped
    if not broken.IsEmpty || total.Passed = 0 then exit 1

/// A lighthouse and three homes as local processes, as in the README; Ctrl-C stops them in order.
let community () =
    build ()
    let bin project name = Path.Combine(root, project, "bin", configuration, "net10.0", name + ".dll")
    let dataRoot = Path.Combine(root, "artifacts", "community")
    let start name dll (env: (string * string) list) =
        let info = ProcessStartInfo("dotnet", [ dll ], WorkingDirectory = root, UseShellExecute = false)
        for key, value in env do info.Environment[key] <- value
        let proc = Process.Start info
        printfn "started %s (pid %d)" name proc.Id
        proc
    let lighthouse = start "lighthouse" (bin "lighthouse" "CommunityCluster.Lighthouse") [ ("CLUSTER_PORT", "4053") ]
    let nodes =
        [ for i in 1..3 ->
            start (sprintf "home-%d" i) (bin "src/CommunityCluster.Node" "CommunityCluster.Node")
                [ "CLUSTER_SEEDS", "akka.tcp://community@127.0.0.1:4053"
                  "CLUSTER_PORT", string (4054 + i)
                  "HTTP_PORT", string (8080 + i)
                  "CMD_PORT", string (9110 + i)
                  "HOME_ID", sprintf "home-%d" i
                  "DATA_DIR", Path.Combine(dataRoot, sprintf "home-%d" i) ] ]
    printfn ""
    for i in 1..3 do printfn "home-%d gallery: http://127.0.0.1:%d/   (members: /api/cluster/members)" i (8080 + i)
    printfn "Ctrl-C stops the community: each home leaves gracefully, then the lighthouse."
    let stopped = new System.Threading.ManualResetEventSlim()
    Console.CancelKeyPress.Add(fun args -> args.Cancel <- true; stopped.Set())
    stopped.Wait()
    for proc in nodes @ [ lighthouse ] do
        run "kill" [ "-TERM"; string proc.Id ] |> ignore
        if not (proc.WaitForExit 30000) then proc.Kill()
        printfn "pid %d exited with %d" proc.Id proc.ExitCode

let targets =
    [ "build", build; "format", format; "test", test; "community", community ]

match fsi.CommandLineArgs |> Array.toList |> List.tail with
| [ "help" ] -> printfn "targets: %s" (targets |> List.map fst |> String.concat ", ")
| [ name ] when targets |> List.exists (fun (t, _) -> t = name) -> (targets |> List.find (fun (t, _) -> t = name) |> snd) ()
| _ ->
    printfn "usage: dotnet fsi build.fsx <target>\ntargets: %s" (targets |> List.map fst |> String.concat ", ")
    exit 2
