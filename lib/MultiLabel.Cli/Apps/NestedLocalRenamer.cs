using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MultiLabel.Cli.Apps;

/// <summary>
/// In a notebook, a cell's top-level variables are fields of the submission, so a loop body may declare a local of
/// the same name; in an app every cell is one method, where that is error CS0136. This renames such nested locals
/// (<c>generator</c> in cell 20 becomes <c>generator_20</c>) within their own scope. Lambdas and local functions may
/// shadow outer names in C#, so their locals stay as they are.
/// </summary>
internal static class NestedLocalRenamer
{
    /// <summary>
    /// <paramref name="statement"/> with every nested local whose name is in <paramref name="topLevel"/> renamed to
    /// <c>name_cell</c>; <paramref name="renamed"/> receives the old names.
    /// </summary>
    public static StatementSyntax Rename(StatementSyntax statement, IReadOnlySet<string> topLevel, int cell, ICollection<string> renamed)
    {
        for (int guard = 0; guard < 1000; guard++)
        {
            var conflict = NestedDeclarations(statement).FirstOrDefault(d => d.Scope is not null && topLevel.Contains(d.Name));
            if (conflict.Scope is null)
            {
                return statement;
            }

            renamed.Add(conflict.Name);
            var newName = $"{conflict.Name}_{cell}";
            statement = statement.ReplaceNode(conflict.Scope, new Renamer(conflict.Name, newName).Visit(conflict.Scope));
        }

        throw new InvalidOperationException("Too many nested locals to rename.");
    }

    private static IEnumerable<(string Name, SyntaxNode? Scope)> NestedDeclarations(StatementSyntax statement)
    {
        var topDeclarators = statement is LocalDeclarationStatementSyntax local ? local.Declaration.Variables.ToHashSet() : [];
        foreach (var node in statement.DescendantNodes(n => n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax)))
        {
            switch (node)
            {
                case VariableDeclaratorSyntax declarator when !topDeclarators.Contains(declarator):
                    yield return (declarator.Identifier.Text, ScopeOf(declarator));
                    break;
                case ForEachStatementSyntax each:
                    yield return (each.Identifier.Text, each);
                    break;
                case SingleVariableDesignationSyntax designation when statement is not (LocalDeclarationStatementSyntax or ExpressionStatementSyntax):
                    yield return (designation.Identifier.Text, ScopeOf(designation));
                    break;
                case CatchDeclarationSyntax { Identifier.Text.Length: > 0 } caught:
                    yield return (caught.Identifier.Text, caught.Parent);
                    break;
            }
        }
    }

    /// <summary>The smallest statement list or statement the declaration is visible in.</summary>
    private static SyntaxNode? ScopeOf(SyntaxNode declaration)
    {
        for (var node = declaration.Parent; node is not null; node = node.Parent)
        {
            if (node is BlockSyntax or SwitchSectionSyntax or ForStatementSyntax or UsingStatementSyntax or FixedStatementSyntax or CatchClauseSyntax)
            {
                return node;
            }
        }

        return null;
    }

    private sealed class Renamer(string from, string to) : CSharpSyntaxRewriter
    {
        public override SyntaxToken VisitToken(SyntaxToken token)
        {
            if (!token.IsKind(SyntaxKind.IdentifierToken) || token.Text != from)
            {
                return base.VisitToken(token);
            }

            var parent = token.Parent;
            bool isReference = parent is IdentifierNameSyntax name
                && name.Parent is not NameColonSyntax and not NameEqualsSyntax
                && !(name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                && !(name.Parent is MemberBindingExpressionSyntax)
                && !(name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax { RawKind: (int)SyntaxKind.ObjectInitializerExpression } } assignment && assignment.Left == name);
            bool isDeclaration = parent is VariableDeclaratorSyntax or ForEachStatementSyntax or SingleVariableDesignationSyntax or CatchDeclarationSyntax;
            return isReference || isDeclaration ? SyntaxFactory.Identifier(token.LeadingTrivia, to, token.TrailingTrivia) : token;
        }
    }
}
